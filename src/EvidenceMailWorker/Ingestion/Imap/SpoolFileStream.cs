using System.Security.Cryptography;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Ingestion.Imap;

// A fetched body's file and the spool it lives in. Both hashes are taken as MailKit writes the
// body, so adopting the file costs no second read of it. Unless adopted, closing it deletes both (a
// fetch abandoned half-way leaves nothing behind); adopted, the spool belongs to the SpooledMessage.
internal sealed class SpoolFileStream(FileSpool spool) : Stream
{
    private readonly FileStream _file = new(spool.NewPath(), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly BodyHasher _bodyHasher = new();
    private long _hashed;
    // False once a write lands anywhere but at the end of what was hashed (MailKit writes in order;
    // should that change, the file is read again on adoption instead of being mis-hashed).
    private bool _inOrder = true;
    private bool _adopted;

    // True when adoption had to read the file again (a write that was not at the end).
    internal bool ReadAgainOnAdoption { get; private set; }

    // Closes the file and hands it, with its spool, to a SpooledMessage.
    public async Task<SpooledMessage> AdoptAsync(IngestionPipeline pipeline, CancellationToken cancellationToken)
    {
        var path = _file.Name;
        var length = _file.Length;
        await _file.DisposeAsync();
        if (_inOrder && _hashed == length)
        {
            var message = pipeline.Adopt(spool, new SpooledFile(path, Convert.ToHexStringLower(_hash.GetHashAndReset()), length), _bodyHasher.Finish());
            _adopted = true;
            return message;
        }
        ReadAgainOnAdoption = true;
        // From here the spool is AdoptFileAsync's: it deletes it itself when it fails.
        _adopted = true;
        return await pipeline.AdoptFileAsync(path, spool, cancellationToken);
    }

    private void Observe(ReadOnlySpan<byte> buffer)
    {
        if (!_inOrder)
            return;
        if (_file.Position != _hashed)
        {
            _inOrder = false;
            return;
        }
        _hash.AppendData(buffer);
        _bodyHasher.Append(buffer);
        _hashed += buffer.Length;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Observe(buffer);
        _file.Write(buffer);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Observe(buffer.Span);
        await _file.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => _file.Read(buffer, offset, count);
    public override int Read(Span<byte> buffer) => _file.Read(buffer);
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _file.ReadAsync(buffer, cancellationToken);
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _file.ReadAsync(buffer, offset, count, cancellationToken);
    public override void Flush() => _file.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => _file.FlushAsync(cancellationToken);
    public override long Seek(long offset, SeekOrigin origin) => _file.Seek(offset, origin);
    public override void SetLength(long value) => _file.SetLength(value);
    public override bool CanRead => _file.CanRead;
    public override bool CanSeek => _file.CanSeek;
    public override bool CanWrite => _file.CanWrite;
    public override long Length => _file.Length;
    public override long Position { get => _file.Position; set => _file.Position = value; }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            Release();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await _file.DisposeAsync();
        }
        finally
        {
            Release();
            GC.SuppressFinalize(this);
        }
    }

    // The spool goes even when closing the file fails (a full disk's last flush).
    private void Release()
    {
        try
        {
            _file.Dispose();
        }
        finally
        {
            _hash.Dispose();
            _bodyHasher.Dispose();
            if (!_adopted)
                spool.Dispose();
        }
    }
}
