using EvidenceMailWorker.Core;

namespace EvidenceMailWorker.Receipts;

// CONTRACT §3 reason codes as a cluster leader should read them (receipts and digests).
public static class ReasonText
{
    public static string Vietnamese(string? reason) => reason switch
    {
        Reasons.UnknownSender => "địa chỉ email gửi thư chưa được đăng ký cho đơn vị nào",
        Reasons.StaffMessage => "thư của Văn phòng hoặc cán bộ giám sát (không phải minh chứng của đơn vị)",
        Reasons.FailedAuthentication => "thư không vượt qua kiểm tra xác thực người gửi (có thể bị giả mạo)",
        Reasons.Unparseable => "không đọc được nội dung thư",
        Reasons.TooLarge => "thư vượt quá dung lượng cho phép",
        Reasons.ArchiveLimit => "tệp nén quá lớn hoặc có quá nhiều tệp bên trong",
        Reasons.EncryptedArchive => "tệp nén có đặt mật khẩu nên không mở được",
        Reasons.AutoReply => "thư trả lời tự động",
        Reasons.Bounce => "thư báo lỗi gửi thư",
        Reasons.ReadReceipt => "thư xác nhận đã đọc",
        Reasons.Bulk => "thư gửi hàng loạt",
        Reasons.OwnMessage => "thư do hệ thống tự gửi",
        Reasons.Error => "lỗi khi xử lý thư; hệ thống sẽ thử lại",
        null => "",
        _ => reason,
    };
}
