using System.Globalization;
using EvidenceMailWorker.Configuration;

namespace EvidenceMailWorker.Reports;

// The §5 rule as printed under every table: the committee must be able to check a rank by hand.
public static class RuleText
{
    public static string Vietnamese(ScoringOptions weights)
    {
        var cw = weights.CoverageWeight.ToString("0.##", CultureInfo.InvariantCulture);
        var tw = weights.TimelinessWeight.ToString("0.##", CultureInfo.InvariantCulture);
        return string.Join("\n",
            "Cách tính: mỗi cặp (đơn vị, tiêu chí cấp đơn vị) và mỗi tiêu chí chung của cụm là một mục yêu cầu, có số điểm của tiêu chí.",
            "Bao phủ = điểm các mục có minh chứng / điểm yêu cầu; Kịp thời = điểm các mục có minh chứng gửi đúng hạn / điểm yêu cầu.",
            $"Điểm = 100 × ({cw} × Bao phủ + {tw} × Kịp thời), làm tròn một chữ số thập phân.",
            "Xếp hạng theo Điểm, rồi Bao phủ, rồi thời điểm gửi đầu tiên (sớm hơn đứng trước); bằng nhau cả ba thì đồng hạng.",
            "Cụm trưởng xuất sắc: cụm trưởng của cụm có Kịp thời cao nhất (rồi Bao phủ, rồi gửi sớm hơn).");
    }
}
