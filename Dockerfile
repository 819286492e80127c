# syntax=docker/dockerfile:1
# docker build -t evidencemailworker .   (or deploy/docker-compose.yml)
# Ubuntu 24.04 images: glibc, ICU and tzdata, which Vietnamese text and Asia/Ho_Chi_Minh deadlines
# need (Alpine and chiseled images lack tzdata/ICU; .NET 10 ships no Debian images).

# Build: the linux-x64 publish profile, the self-contained single-file build that
# deploy/check-published.sh runs from this same layout (/app, /data, uid 1654) with no SDK present.
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
# Restore in its own layer so source-only changes reuse the downloaded packages.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/EvidenceMailWorker/EvidenceMailWorker.csproj src/EvidenceMailWorker/
COPY src/EvidenceMailWorker/Properties/ src/EvidenceMailWorker/Properties/
# The profile on restore too, so the self-contained runtime packs come in this layer.
RUN dotnet restore src/EvidenceMailWorker/EvidenceMailWorker.csproj -r linux-x64 -p:PublishProfile=linux-x64
COPY config/ config/
COPY src/ src/
# The chart font is part of the publish output (Assets/Fonts); the build fails if it is missing.
RUN dotnet publish src/EvidenceMailWorker/EvidenceMailWorker.csproj -p:PublishProfile=linux-x64 --no-restore \
 && test -s artifacts/publish/linux-x64/Assets/Fonts/DejaVuSans.ttf \
 && test -x artifacts/publish/linux-x64/EvidenceMailWorker

# Run: no .NET runtime needed (the build is self-contained); runtime-deps brings ICU, tzdata and the
# non-root user "app" (uid 1654). curl is only for the HEALTHCHECK below.
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble
# curl is not pinned: it follows the base image's Ubuntu updates (a pinned version breaks rebuilds).
# hadolint ignore=DL3008
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /data \
 && chown "$APP_UID:$APP_UID" /data
WORKDIR /app
COPY --from=build /src/artifacts/publish/linux-x64/ ./
# Data (SQLite, folder mailboxes, spool, logs) on the volume; /healthz on loopback for the HEALTHCHECK.
ENV EVIDENCEMAIL_Storage__DataDirectory=/data \
    EVIDENCEMAIL_Health__Url=http://127.0.0.1:8080
VOLUME /data
USER $APP_UID
# 503 (unhealthy) when the mailbox has not been reached for Health:MailboxStaleMinutes or the outbox gave up on mail.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["curl", "--fail", "--silent", "--show-error", "--output", "/dev/null", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["/app/EvidenceMailWorker"]
CMD ["run"]
