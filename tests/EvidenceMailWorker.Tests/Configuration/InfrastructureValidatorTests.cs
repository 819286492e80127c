using EvidenceMailWorker.Configuration;
using Xunit;

namespace EvidenceMailWorker.Tests.Configuration;

public sealed class InfrastructureValidatorTests
{
    private static IReadOnlyList<ConfigProblem> Validate(params (string, string?)[] values) =>
        InfrastructureValidator.Validate(TestConfig.InMemory(values));

    [Fact]
    public void Embedded_defaults_are_valid() => Assert.Empty(Validate());

    [Fact]
    public void Provider_is_case_insensitive() => Assert.Empty(Validate(("Database:Provider", "sqlite")));

    [Fact]
    public void Misspelled_provider_is_a_problem_not_an_exception() =>
        ProblemAssert.Single(Validate(("Database:Provider", "Postgress")), "Database.Provider", "'Postgress' is not one of 'Sqlite', 'Postgres'");

    [Fact]
    public void Misspelled_security_is_a_problem_not_an_exception() =>
        ProblemAssert.Single(Validate(("Outbox:Security", "TLS")), "Outbox.Security", "'TLS' is not one of");

    [Fact]
    public void Postgres_needs_a_valid_connection_string()
    {
        ProblemAssert.Single(Validate(("Database:Provider", "Postgres")), "Database.ConnectionString", "is required");
        ProblemAssert.Single(
            Validate(("Database:Provider", "Postgres"), ("Database:ConnectionString", "Hots=localhost;Password=secret")),
            "Database.ConnectionString", "is not a valid connection string");
        Assert.Empty(Validate(("Database:Provider", "Postgres"), ("Database:ConnectionString", "Host=localhost;Database=evidence")));
    }

    [Fact]
    public void Imap_needs_host_user_and_credentials()
    {
        var problems = Validate(("Mailbox:Source", "Imap"), ("Mailbox:Host", ""));
        ProblemAssert.Has(problems, "Mailbox.Host", "is required");
        ProblemAssert.Has(problems, "Mailbox.Username", "is required");
        ProblemAssert.Has(problems, "Mailbox.Password", "either a password");
        Assert.Equal(3, problems.Count);
    }

    [Fact]
    public void Imap_accepts_an_app_password_or_oauth2()
    {
        Assert.Empty(Validate(("Mailbox:Source", "Imap"), ("Mailbox:Username", "u@gmail.com"), ("Mailbox:Password", "app-password")));
        Assert.Empty(Validate(("Mailbox:Source", "Imap"), ("Mailbox:Username", "u@gmail.com"),
            ("Mailbox:OAuth2:ClientId", "id"), ("Mailbox:OAuth2:RefreshToken", "token")));
        ProblemAssert.Single(
            Validate(("Mailbox:Source", "Imap"), ("Mailbox:Username", "u@gmail.com"), ("Mailbox:OAuth2:ClientId", "id")),
            "Mailbox.Password", "OAuth2 ClientId and RefreshToken");
    }

    [Fact]
    public void Unknown_source_and_mode_are_reported()
    {
        var problems = Validate(("Mailbox:Source", "Pop3"), ("Outbox:Mode", "smtp"));
        ProblemAssert.Has(problems, "Mailbox.Source", "'Pop3' is not a mailbox source");
        ProblemAssert.Has(problems, "Outbox.Mode", "'smtp' is not an outbox mode; use 'Folder' or 'Smtp'");
        Assert.Equal(2, problems.Count);
    }

    [Fact]
    public void Numbers_out_of_range_are_reported()
    {
        var problems = Validate(
            ("Mailbox:Port", "0"), ("Outbox:Port", "70000"), ("Mailbox:PollSeconds", "2"),
            ("Receipts:QuietSeconds", "-1"), ("Limits:MaxMessageBytes", "0"), ("Limits:MaxArchiveEntries", "-5"));
        ProblemAssert.Has(problems, "Mailbox.Port", "'0' is not a port number");
        ProblemAssert.Has(problems, "Outbox.Port", "'70000' is not a port number");
        ProblemAssert.Has(problems, "Mailbox.PollSeconds", "'2' is too short");
        ProblemAssert.Has(problems, "Receipts.QuietSeconds", "'-1' is negative");
        ProblemAssert.Has(problems, "Limits.MaxMessageBytes", "'0' must be more than 0");
        ProblemAssert.Has(problems, "Limits.MaxArchiveEntries", "'-5' must be more than 0");
        Assert.Equal(6, problems.Count);
    }

    [Fact]
    public void Text_where_a_number_belongs_is_reported_with_every_other_problem()
    {
        var problems = Validate(("Mailbox:Port", "imaps"), ("Limits:MaxMessageBytes", "50MB"), ("Outbox:Port", "0"));
        ProblemAssert.Has(problems, "Mailbox.Port", "'imaps' is not a whole number");
        ProblemAssert.Has(problems, "Limits.MaxMessageBytes", "'50MB' is not a whole number");
        ProblemAssert.Has(problems, "Outbox.Port", "'0' is not a port number");
        Assert.Equal(3, problems.Count);
    }

    [Fact]
    public void Misspelled_key_is_reported_with_a_suggestion() =>
        ProblemAssert.Single(Validate(("Mailbox:PolSeconds", "30")), "Mailbox.PolSeconds", "did you mean 'PollSeconds'?");

    [Fact]
    public void Malformed_from_address_is_reported() =>
        ProblemAssert.Single(Validate(("Outbox:From", "Huyện đoàn <hd@example.org>")), "Outbox.From", "is not a valid e-mail address");
}
