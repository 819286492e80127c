using System.Text;
using EvidenceMailWorker.Cli;

// Vietnamese mail arrives in windows-1258 and other legacy code pages that .NET does not ship by default.
Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
return await CommandLineApp.RunAsync(args);
