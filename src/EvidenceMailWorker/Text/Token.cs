namespace EvidenceMailWorker.Text;

// One word or number of compared text. Exact keeps every mark but puts the tone mark at the end of
// the word, so the old and new tone placements (Hoà/Hòa, Thuỷ/Thủy) compare equal; Loose has no
// marks at all (đ → d). Start/End index the original text, for telling which occurrence is longer.
public readonly record struct Token(string Exact, string Loose, int Start, int End)
{
    // Written without any diacritics: only such words may match a name loosely, so that a word with
    // other marks (hỏi, hệ) is never taken for a configured one (hội, hè).
    public bool Bare => string.Equals(Exact, Loose, StringComparison.Ordinal);
}
