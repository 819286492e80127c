using System.Text;
using EvidenceMailWorker.Cli;

// Vietnamese mail arrives in windows-1258 and other legacy code pages that .NET does not ship by default.
Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
// A Windows service starts in System32; the install folder is where ./config and ./data belong.
if (Microsoft.Extensions.Hosting.WindowsServices.WindowsServiceHelpers.IsWindowsService())
    Directory.SetCurrentDirectory(AppContext.BaseDirectory);
return await CommandLineApp.RunAsync(args);
