# syntax=docker/dockerfile:1
# .NET 10 ships no Debian images (dotnet-docker#6526); the default 10.0 tags are Ubuntu 24.04, which
# is what we want anyway: glibc, ICU and tzdata. Alpine and chiseled images lack tzdata/ICU, and
# Asia/Ho_Chi_Minh deadlines plus Vietnamese text need both.
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
# Restore in its own layer so source-only changes reuse the downloaded packages.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/EvidenceMailWorker/EvidenceMailWorker.csproj src/EvidenceMailWorker/
RUN dotnet restore src/EvidenceMailWorker/EvidenceMailWorker.csproj
COPY . .
# config/ is optional in the build context; an empty folder keeps the COPY below valid.
RUN mkdir -p config \
 && dotnet publish src/EvidenceMailWorker/EvidenceMailWorker.csproj -c Release --no-restore \
      -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/runtime:10.0-noble
# The runtime image normally carries tzdata; installing it again costs nothing and protects the
# time-zone handling if a future base image drops it.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /data \
 && chown app:app /data
WORKDIR /app
COPY --from=build /app ./
COPY --from=build /src/config/ ./config/
ENV EVIDENCEMAIL_Storage__DataDirectory=/data
VOLUME /data
# "app" (uid 1654) is the non-root user the .NET images provide.
USER app
ENTRYPOINT ["dotnet", "EvidenceMailWorker.dll"]
CMD ["run"]
