using System.Security.Cryptography;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Ingestion;

// Write-only stream a producer (MimeKit's DecodeTo, an archive entry) pushes content into: every byte
// is hashed and counted, and refused past a limit, so a bomb costs at most maxBytes. The first
// FileTypeSniffer.HeadLength bytes are held in memory; once they are known, needsFile(head) decides
// whether the content must land in a file as well (an archive to open, an embedded message to parse,
// a file to export) or is only identified. Most attachments of a backlog are only identified, which
// saves writing and deleting every decoded file.
internal sealed class SpoolSinkStream : Stream
{
    private readonly string _path;
    private readonly long _maxBytes;
    private readonly Func<ReadOnlyMemory<byte>, bool> _needsFile;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _head = new byte[FileTypeSniffer.HeadLength];
    private int _headLength;
    private bool _decided;
    private FileStream? _file;
    private long _length;
    private bool _completed;

    public SpoolSinkStream(string path, long maxBytes, Func<ReadOnlyMemory<byte>, bool> needsFile)
    {
        _path = path;
        _maxBytes = maxBytes;
        _needsFile = needsFile;
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var rest = Take(buffer);
        if (!rest.IsEmpty)
            _file?.Write(rest);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var taken = buffer.Length - Take(buffer.Span).Length;
        if (_file is not null && taken < buffer.Length)
            await _file.WriteAsync(buffer[taken..], cancellationToken);
    }

    // The content is complete: what was written is identified, and kept in a file when it must be.
    public async Task<(SpooledFile File, byte[] Head)> CompleteAsync(CancellationToken cancellationToken)
    {
        Decide();
        if (_file is not null)
            await _file.FlushAsync(cancellationToken);
        _completed = true;
        var file = new SpooledFile(_file is null ? null : _path, Convert.ToHexStringLower(_hash.GetHashAndReset()), _length);
        return (file, _head[.._headLength]);
    }

    public override void Flush() => _file?.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => _file?.FlushAsync(cancellationToken) ?? Task.CompletedTask;
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _file?.Dispose();
            _hash.Dispose();
            DeleteUnfinished();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_file is not null)
            await _file.DisposeAsync();
        _hash.Dispose();
        DeleteUnfinished();
        await base.DisposeAsync();
    }

    // Content cut off (a limit, a non-canonical base64 part decoded again) leaves no half file behind.
    private void DeleteUnfinished()
    {
        if (_file is not null && !_completed)
            File.Delete(_path);
    }

    // Hashes and counts buffer, fills the head from it, and returns the part still to be written to
    // the file (empty when there is no file, or the head took it all).
    private ReadOnlySpan<byte> Take(ReadOnlySpan<byte> buffer)
    {
        // Checked before anything is written, so the limit is never passed on disk.
        if (_length + buffer.Length > _maxBytes)
            throw new SpoolLimitExceededException(_maxBytes);
        _length += buffer.Length;
        _hash.AppendData(buffer);
        if (_decided)
            return _file is null ? default : buffer;
        var toHead = Math.Min(buffer.Length, _head.Length - _headLength);
        buffer[..toHead].CopyTo(_head.AsSpan(_headLength));
        _headLength += toHead;
        if (_headLength < _head.Length)
            return default;
        Decide();
        return _file is null ? default : buffer[toHead..];
    }

    private void Decide()
    {
        if (_decided)
            return;
        _decided = true;
        if (!_needsFile(_head.AsMemory(0, _headLength)))
            return;
        _file = new FileStream(_path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.SequentialScan);
        _file.Write(_head, 0, _headLength);
    }
}
