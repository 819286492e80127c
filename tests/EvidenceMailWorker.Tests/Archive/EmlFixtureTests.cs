using System.Security.Cryptography;
using System.Text;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Tests.Support;

namespace EvidenceMailWorker.Tests.Archive;

// Hand-written raw messages in the encodings Vietnamese mail clients really send, imported from
// files on both providers: names and subjects must come out exactly as sent, in NFC.
public sealed class EmlFixtureTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Data", "messages", name);

    private static async Task<Storage.SubmissionRecord> ImportAsync(ArchiveHarness harness, string name)
    {
        var summary = await harness.Importer.ImportAsync([Fixture(name)], CancellationToken.None);
        Assert.Equal(1, summary.Messages);
        return Assert.Single(await harness.Queries.ListAsync(new Storage.SubmissionFilter(), CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Raw_UTF8_headers_and_an_NFD_file_name_come_out_NFC(DatabaseProvider provider)
    {
        await using var harness = await ArchiveHarness.CreateAsync(provider);
        var stored = await ImportAsync(harness, "raw-utf8-headers-nfd-name.eml");

        Assert.Equal(MessageStatus.Accepted, stored.Status);
        Assert.Equal("Cụm 2 gửi minh chứng 6 tháng đầu năm 2024", stored.Subject);
        Assert.Equal("Đoàn xã Ngọc Chúc", stored.FromName);
        var file = Assert.Single(stored.Attachments);
        Assert.Equal("TC 1.1 - Kế hoạch học tập Nghị quyết.pdf", file.FileName);
        Assert.True(file.FileName.IsNormalized(NormalizationForm.FormC));
        Assert.Equal("application/pdf", file.DetectedContentType);
        Assert.Equal("application/octet-stream", file.DeclaredContentType);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Windows_1258_subject_sender_and_RFC_2231_name_are_decoded(DatabaseProvider provider)
    {
        await using var harness = await ArchiveHarness.CreateAsync(provider);
        var stored = await ImportAsync(harness, "windows-1258-rfc2231.eml");

        Assert.Equal("Cụm 1 gửi minh chứng quý II", stored.Subject);
        Assert.Equal("Đoàn xã Thạnh Bình", stored.FromName);
        Assert.Equal("xa-thanh-binh", stored.Unit);
        Assert.Equal("Tiêu chí 2.3 - ảnh tiễn quân.jpg", Assert.Single(stored.Attachments).FileName);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Encoded_word_names_and_a_named_inline_image_are_both_files(DatabaseProvider provider)
    {
        await using var harness = await ArchiveHarness.CreateAsync(provider);
        var stored = await ImportAsync(harness, "rfc2047-name-inline-image.eml");

        Assert.Equal("Cụm 4 gửi minh chứng", stored.Subject);
        Assert.Equal(["ảnh hoạt động.jpg", "Biên bản họp cụm thi đua.pdf"], stored.Attachments.Select(a => a.FileName));
        var raw = await File.ReadAllBytesAsync(Fixture("rfc2047-name-inline-image.eml"));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(raw)),
            await ScalarTextAsync(harness, $"SELECT raw_sha256 FROM messages WHERE id = {stored.Id}"));
    }

    private static async Task<string> ScalarTextAsync(ArchiveHarness harness, string sql)
    {
        await using var connection = await harness.Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
