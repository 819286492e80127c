#!/usr/bin/env python3
"""Writes the acceptance cases: NN-name.eml (a realistic submission to the sample campaign) and
NN-name.json (the facts `submissions --json` must show for it). Run from this folder; the output is
committed, so the script only documents how the mail was made. Expected facts are written by hand
from CONTRACT §4, not computed."""
import io, json, unicodedata, zipfile
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from datetime import datetime, timezone, timedelta

VN = timezone(timedelta(hours=7))
MAILBOX = "huyendoangiongrieng@gmail.com"
CASES = []

def pdf(seed): return b"%PDF-1.4\n% " + seed.encode() + b"\n" + b"x" * 900 + b"\n%%EOF\n"
def jpg(seed): return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + seed.encode() + b"\x00" * 600 + b"\xff\xd9"
def office(seed, main="word/document.xml"):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(main, "<doc>" + seed + "</doc>")
    return buf.getvalue()
def zipped(entries):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, (2024, 6, 1, 8, 0, 0))
            info.flag_bits |= 0x800  # names are UTF-8, as 7-Zip and Windows 11 write them
            z.writestr(info, data, zipfile.ZIP_DEFLATED)
    return buf.getvalue()
def content(name, seed):
    ext = name.rsplit(".", 1)[-1].lower()
    if ext == "pdf": return pdf(seed)
    if ext in ("jpg", "jpeg"): return jpg(seed)
    if ext == "xlsx": return office(seed, "xl/workbook.xml")
    return office(seed)

def case(name, sender, subject, date, files=(), text=None, html=None, expect=None, headers=(), build=None):
    CASES.append(dict(name=name, sender=sender, subject=subject, date=date, files=files, text=text, html=html,
                      expect=expect, headers=headers, build=build))

def att(fileName, criteria=(), units=(), archivePath=None):
    return {"fileName": fileName, "criteria": list(criteria), "units": list(units), "archivePath": archivePath}
def link(url, criteria=(), units=()):
    return {"url": url, "criteria": list(criteria), "units": list(units)}
def facts(status="accepted", reason=None, cluster=None, unit=None, track=None, period=None, late=None, attachments=(), links=()):
    return {"status": status, "reason": reason, "cluster": cluster, "unit": unit, "track": track, "period": period,
            "late": late, "attachments": list(attachments), "links": list(links)}

SIGN = "\n\nTrân trọng,\nBí thư Đoàn xã\n"

# ---- cum-2 (leader xa-ngoc-chuc, deputy xa-ngoc-thanh) -------------------------------------------
case("01-leader-files-per-unit", ("Đoàn xã Ngọc Chúc", "doan.ngocchuc@example.org"),
     "Cụm 2 gửi minh chứng 6 tháng đầu năm 2024 - công tác Đoàn", datetime(2024, 6, 8, 9, 15, tzinfo=VN),
     files=["TC 1.1 - Kế hoạch học tập Nghị quyết - Ngọc Hòa.pdf", "TC 2.1_Ngọc Thuận_báo cáo tình nguyện.docx",
            "1.3 - anh ky niem 26-3 Ban Thach.jpg"],
     text="Kính gửi Văn phòng Huyện đoàn,\nCụm 2 gửi minh chứng 6 tháng đầu năm." + SIGN,
     expect=facts(cluster="cum-2", unit="xa-ngoc-chuc", track="doan", period="2024-6t", late=False, attachments=[
         att("TC 1.1 - Kế hoạch học tập Nghị quyết - Ngọc Hòa.pdf", ["1.1"], ["xa-ngoc-hoa"]),
         att("TC 2.1_Ngọc Thuận_báo cáo tình nguyện.docx", ["2.1"], ["xa-ngoc-thuan"]),
         att("1.3 - anh ky niem 26-3 Ban Thach.jpg", ["1.3"], ["xa-ban-thach"])]))

case("02-zip-with-criterion-folders", ("Đoàn xã Ngọc Chúc", "doan.ngocchuc@example.org"),
     "Cụm 2 - Ngọc Chúc gửi minh chứng quý II (Đoàn)", datetime(2024, 6, 9, 21, 40, tzinfo=VN),
     files=[("Minh chung Ngoc Chuc.zip", zipped([("Tiêu chí 1.1/Kế hoạch.pdf", pdf("02a")),
                                                ("Tiêu chí 1.2/Đăng ký làm theo.docx", office("02b")),
                                                ("Tieu chi 2.3/anh 1.jpg", jpg("02c"))]))],
     text="Gửi anh chị file nén minh chứng của xã Ngọc Chúc." + SIGN,
     expect=facts(cluster="cum-2", unit="xa-ngoc-chuc", track="doan", period="2024-6t", late=False, attachments=[
         att("Minh chung Ngoc Chuc.zip", [], ["xa-ngoc-chuc"]),
         att("Kế hoạch.pdf", ["1.1"], ["xa-ngoc-chuc"], "Tiêu chí 1.1/Kế hoạch.pdf"),
         att("Đăng ký làm theo.docx", ["1.2"], ["xa-ngoc-chuc"], "Tiêu chí 1.2/Đăng ký làm theo.docx"),
         att("anh 1.jpg", ["2.3"], ["xa-ngoc-chuc"], "Tieu chi 2.3/anh 1.jpg")]))

case("03-keyword-suggestions", ("Đoàn xã Ngọc Chúc", "doan.ngocchuc@example.org"),
     "Cụm 2 minh chứng quý 2 Đoàn", datetime(2024, 6, 5, 16, 2, tzinfo=VN),
     files=["Ke hoach quan triet nghi quyet - Ngoc Thuan.docx", "Bien ban ban giao cong trinh.pdf", "Anh mua he xanh Ban Tan Dinh.jpg"],
     text="Gửi minh chứng." + SIGN,
     expect=facts(cluster="cum-2", unit="xa-ngoc-chuc", track="doan", period="2024-6t", late=False, attachments=[
         att("Ke hoach quan triet nghi quyet - Ngoc Thuan.docx", ["1.1"], ["xa-ngoc-thuan"]),
         att("Bien ban ban giao cong trinh.pdf", [], []),
         att("Anh mua he xanh Ban Tan Dinh.jpg", ["2.1"], ["xa-ban-tan-dinh"])]))

case("04-deputy-without-unit-names", ("Đoàn xã Ngọc Thành", "doan.ngocthanh@example.org"),
     "Cụm 2 gửi minh chứng 9 tháng", datetime(2024, 9, 3, 10, 0, tzinfo=VN),
     files=["TC 4.3 Bien ban kiem tra.pdf", "TC 4.4 So sach chi doan.xlsx"],
     expect=facts(cluster="cum-2", unit="xa-ngoc-thanh", track="doan", period="2024-9t", late=False, attachments=[
         att("TC 4.3 Bien ban kiem tra.pdf", ["4.3"], []), att("TC 4.4 So sach chi doan.xlsx", ["4.4"], [])]))

case("05-member-sends-for-itself", ("Đoàn xã Ngọc Thuận", "doan.ngocthuan@example.org"),
     "Gửi minh chứng 6 tháng", datetime(2024, 6, 7, 7, 30, tzinfo=VN),
     files=["TC 3.1 Danh sach thanh nien vay von.xlsx", "TC 3.2 - Van nghe.jpg"],
     expect=facts(cluster="cum-2", unit="xa-ngoc-thuan", track="doan", period="2024-6t", late=False, attachments=[
         att("TC 3.1 Danh sach thanh nien vay von.xlsx", ["3.1"], ["xa-ngoc-thuan"]),
         att("TC 3.2 - Van nghe.jpg", ["3.2"], ["xa-ngoc-thuan"])]))

case("06-split-submission-part-1", ("Đoàn xã Ngọc Chúc", "doan.ngocchuc@example.org"),
     "Cụm 2 gửi minh chứng 6 tháng đầu năm (phần 1/2)", datetime(2024, 6, 9, 20, 0, tzinfo=VN),
     files=["TC 2.4 - Quyet dinh cong trinh thanh nien - Ngoc Hoa.pdf", "TC 2.5 chuyen doi so - Ngoc Hoa.pdf"],
     expect=facts(cluster="cum-2", unit="xa-ngoc-chuc", track="doan", period="2024-6t", late=False, attachments=[
         att("TC 2.4 - Quyet dinh cong trinh thanh nien - Ngoc Hoa.pdf", ["2.4"], ["xa-ngoc-hoa"]),
         att("TC 2.5 chuyen doi so - Ngoc Hoa.pdf", ["2.5"], ["xa-ngoc-hoa"])]))

case("07-split-submission-part-2", ("Đoàn xã Ngọc Chúc", "doan.ngocchuc@example.org"),
     "Cụm 2 gửi minh chứng 6 tháng đầu năm (phần 2/2)", datetime(2024, 6, 9, 20, 3, tzinfo=VN),
     files=["TC 5.1 - Ke hoach thieu nhi - Ngoc Hoa.pdf", "TC 5.2 - Trung thu - Ngoc Thanh.jpg"],
     expect=facts(cluster="cum-2", unit="xa-ngoc-chuc", track="doan", period="2024-6t", late=False, attachments=[
         att("TC 5.1 - Ke hoach thieu nhi - Ngoc Hoa.pdf", ["5.1"], ["xa-ngoc-hoa"]),
         att("TC 5.2 - Trung thu - Ngoc Thanh.jpg", ["5.2"], ["xa-ngoc-thanh"])]))

# ---- cum-3 (leader xa-hoa-thuan, deputy xa-hoa-an) -----------------------------------------------
DRIVE_A = "https://drive.google.com/drive/folders/1aB2cD3eF4gH5iJ6kL7mN8oP9?usp=sharing"
DRIVE_B = "https://docs.google.com/document/d/1QwErTyUiOp/edit?usp=sharing&ouid=1029384756"
case("08-drive-links-text-and-html", ("Đoàn xã Hòa Thuận", "doan.hoathuan@example.org"),
     "Cụm 3 gửi link minh chứng 6 tháng đầu năm", datetime(2024, 6, 6, 14, 20, tzinfo=VN),
     text=("Kính gửi Văn phòng Huyện đoàn,\nCụm 3 gửi đường link minh chứng:\n"
           f"TC 1.1 Hòa An: {DRIVE_A}\nTiêu chí 2.1 - Hòa Lợi: {DRIVE_B}.\n" + SIGN),
     html=(f'<div dir="ltr"><div>Kính gửi Văn phòng Huyện đoàn,</div><div>Cụm 3 gửi đường link minh chứng:</div>'
           f'<div>TC 1.1 Hòa An: <a href="{DRIVE_A}">{DRIVE_A}</a></div>'
           f'<div>Tiêu chí 2.1 - Hòa Lợi: <a href="{DRIVE_B.replace("&", "&amp;")}">{DRIVE_B.replace("&", "&amp;")}</a>.</div>'
           '<div><br></div><div>Trân trọng,</div></div>'),
     expect=facts(cluster="cum-3", unit="xa-hoa-thuan", track="doan", period="2024-6t", late=False,
                  links=[link(DRIVE_A, ["1.1"], ["xa-hoa-an"]), link(DRIVE_B, ["2.1"], ["xa-hoa-loi"])]))

case("09-roman-numeral-period-beats-time", ("Đoàn xã Hòa Thuận", "doan.hoathuan@example.org"),
     "Cụm III gửi minh chứng quý III", datetime(2024, 6, 20, 8, 0, tzinfo=VN),
     files=["TC 1.4 an toan giao thong - Vinh Phu.pdf"],
     expect=facts(cluster="cum-3", unit="xa-hoa-thuan", track="doan", period="2024-9t", late=False, attachments=[
         att("TC 1.4 an toan giao thong - Vinh Phu.pdf", ["1.4"], ["xa-vinh-phu"])]))

case("10-year-end-late", ("Đoàn xã Hòa Thuận", "doan.hoathuan@example.org"),
     "Minh chứng tổng kết năm 2024 - Cụm 3", datetime(2024, 10, 15, 9, 0, tzinfo=VN),
     files=["TC 4.5 - Bien ban hop cum.pdf", "TC 4.1 Ket nap doan vien - Hoa Hung.pdf"],
     expect=facts(cluster="cum-3", unit="xa-hoa-thuan", track="doan", period="2024-nam", late=True, attachments=[
         att("TC 4.5 - Bien ban hop cum.pdf", ["4.5"], []), att("TC 4.1 Ket nap doan vien - Hoa Hung.pdf", ["4.1"], ["xa-hoa-hung"])]))

case("11-hoi-track-member", ("Đoàn xã Vĩnh Thạnh", "doan.vinhthanh@example.org"),
     "Xã Vĩnh Thạnh gửi minh chứng công tác Hội quý II", datetime(2024, 6, 4, 11, 11, tzinfo=VN),
     files=["H1.1 - Hoc tap chinh tri tu tuong.pdf", "H2.3_hien mau tinh nguyen.jpg"],
     expect=facts(cluster="cum-3", unit="xa-vinh-thanh", track="hoi", period="2024-6t", late=False, attachments=[
         att("H1.1 - Hoc tap chinh tri tu tuong.pdf", ["H1.1"], ["xa-vinh-thanh"]),
         att("H2.3_hien mau tinh nguyen.jpg", ["H2.3"], ["xa-vinh-thanh"])]))

case("12-deputy-no-units", ("Đoàn xã Hòa An", "doan.hoaan@example.org"),
     "Cụm 3 gửi minh chứng 6 tháng", datetime(2024, 6, 1, 15, 0, tzinfo=VN),
     files=["TC 1.2 dang ky lam theo.pdf"],
     expect=facts(cluster="cum-3", unit="xa-hoa-an", track="doan", period="2024-6t", late=False, attachments=[
         att("TC 1.2 dang ky lam theo.pdf", ["1.2"], [])]))

case("13-member-named-units-hoa-collisions", ("Đoàn xã Hòa Lợi", "doan.hoaloi@example.org"),
     "Hòa Lợi gửi minh chứng 6 tháng", datetime(2024, 6, 2, 15, 0, tzinfo=VN),
     files=["TC 2.2 Sang kien - Hoa Hung.pdf", "TC 2.2 Sang kien - Long Thanh.pdf", "TC 2.2 - THPT Long Thạnh.pdf", "TC 2.2 ke hoach.pdf"],
     expect=facts(cluster="cum-3", unit="xa-hoa-loi", track="doan", period="2024-6t", late=False, attachments=[
         att("TC 2.2 Sang kien - Hoa Hung.pdf", ["2.2"], ["xa-hoa-hung"]),
         att("TC 2.2 Sang kien - Long Thanh.pdf", ["2.2"], ["xa-long-thanh"]),
         att("TC 2.2 - THPT Long Thạnh.pdf", ["2.2"], ["thpt-long-thanh"]),
         att("TC 2.2 ke hoach.pdf", ["2.2"], ["xa-hoa-loi"])]))

case("14-html-table-links", ("Đoàn xã Hòa Thuận", "doan.hoathuan@example.org"),
     "Cụm 3 gửi link minh chứng 9 tháng", datetime(2024, 9, 9, 22, 0, tzinfo=VN),
     html=('<html><body><p>Kính gửi Văn phòng,</p><table border="1">'
           '<tr><td>TC 2.5</td><td>Vĩnh Thạnh</td><td><a href="https://drive.google.com/drive/folders/2xYz">Xem</a></td></tr>'
           '<tr><td>TC 3.2</td><td>Hòa Hưng</td><td><a href="https://1drv.ms/f/s!AhQ9">Xem</a></td></tr>'
           '</table><p>Website: <a href="https://giongrieng.kiengiang.gov.vn">giongrieng.kiengiang.gov.vn</a></p></body></html>'),
     expect=facts(cluster="cum-3", unit="xa-hoa-thuan", track="doan", period="2024-9t", late=False, links=[
         link("https://drive.google.com/drive/folders/2xYz", ["2.5"], ["xa-vinh-thanh"]),
         link("https://1drv.ms/f/s!AhQ9", ["3.2"], ["xa-hoa-hung"])]))

# ---- cum-1 (leader tt-giong-rieng, deputy xa-thanh-hoa) ------------------------------------------
case("15-no-diacritics-everywhere", ("Doan TT Giong Rieng", "doan.ttgiongrieng@example.org"),
     "cum 1 gui minh chung 9 thang cong tac doan", datetime(2024, 9, 9, 10, 0, tzinfo=VN),
     files=["tc1.4 tuyen truyen phap luat - thanh hung.pdf", "TC3.2 van nghe Thanh Phuoc.jpg"],
     expect=facts(cluster="cum-1", unit="tt-giong-rieng", track="doan", period="2024-9t", late=False, attachments=[
         att("tc1.4 tuyen truyen phap luat - thanh hung.pdf", ["1.4"], ["xa-thanh-hung"]),
         att("TC3.2 van nghe Thanh Phuoc.jpg", ["3.2"], ["xa-thanh-phuoc"])]))

case("16-thanh-near-collisions", ("Đoàn TT Giồng Riềng", "doan.ttgiongrieng@example.org"),
     "Cụm 1 gửi minh chứng quý II", datetime(2024, 6, 3, 10, 0, tzinfo=VN),
     files=["TC 1.1 - Thạnh Hòa.pdf", "TC 1.2 - Thanh Hoa.pdf", "TC 1.3 - Thạnh Hưng.pdf", "TC 1.3 - Thạnh Hoà.jpg", "TC 1.4 - Ngọc Thạnh.pdf"],
     expect=facts(cluster="cum-1", unit="tt-giong-rieng", track="doan", period="2024-6t", late=False, attachments=[
         att("TC 1.1 - Thạnh Hòa.pdf", ["1.1"], ["xa-thanh-hoa"]),
         att("TC 1.2 - Thanh Hoa.pdf", ["1.2"], ["xa-thanh-hoa"]),
         att("TC 1.3 - Thạnh Hưng.pdf", ["1.3"], ["xa-thanh-hung"]),
         att("TC 1.3 - Thạnh Hoà.jpg", ["1.3"], ["xa-thanh-hoa"]),
         att("TC 1.4 - Ngọc Thạnh.pdf", ["1.4"], [])]))

case("17-late-member-subject-unit", ("Đoàn xã Thạnh Bình", "doan.thanhbinh@example.org"),
     "Xã Thạnh Bình gửi bổ sung minh chứng", datetime(2024, 6, 15, 8, 45, tzinfo=VN),
     files=["TC 4.1 Danh sach ket nap doan vien moi.xlsx"],
     expect=facts(cluster="cum-1", unit="xa-thanh-binh", track="doan", period="2024-6t", late=True, attachments=[
         att("TC 4.1 Danh sach ket nap doan vien moi.xlsx", ["4.1"], ["xa-thanh-binh"])]))

case("18-window-closed-next-period", ("Đoàn xã Thạnh Phước", "doan.thanhphuoc@example.org"),
     "Thạnh Phước gửi minh chứng", datetime(2024, 6, 25, 9, 0, tzinfo=VN),
     files=["TC 2.1 chu nhat xanh.jpg"],
     expect=facts(cluster="cum-1", unit="xa-thanh-phuoc", track="doan", period="2024-9t", late=False, attachments=[
         att("TC 2.1 chu nhat xanh.jpg", ["2.1"], ["xa-thanh-phuoc"])]))

case("19-deputy-names-unit-in-subject", ("Đoàn xã Thạnh Hòa", "doan.thanhhoa@example.org"),
     "Thạnh Lộc gửi minh chứng quý II", datetime(2024, 6, 8, 8, 0, tzinfo=VN),
     files=["TC 2.3 tien quan.jpg", "TC 2.3 - Thạnh Hòa - tiễn quân.jpg"],
     expect=facts(cluster="cum-1", unit="xa-thanh-hoa", track="doan", period="2024-6t", late=False, attachments=[
         att("TC 2.3 tien quan.jpg", ["2.3"], ["xa-thanh-loc"]),
         att("TC 2.3 - Thạnh Hòa - tiễn quân.jpg", ["2.3"], ["xa-thanh-hoa"])]))

case("20-two-periods-fall-back-to-time", ("Đoàn TT Giồng Riềng", "doan.ttgiongrieng@example.org"),
     "Tổng kết 6 tháng đầu năm 2024 - Cụm 1", datetime(2024, 6, 5, 17, 0, tzinfo=VN),
     files=["Bao cao tong ket 6 thang.docx"],
     expect=facts(cluster="cum-1", unit="tt-giong-rieng", track=None, period="2024-6t", late=False, attachments=[
         att("Bao cao tong ket 6 thang.docx", [], [])]))

case("21-after-last-deadline", ("Đoàn xã Thạnh Lộc", "doan.thanhloc@example.org"),
     "Thạnh Lộc gửi minh chứng còn thiếu", datetime(2024, 11, 20, 9, 0, tzinfo=VN),
     files=["TC 4.2 gioi thieu doan vien uu tu.pdf"],
     expect=facts(cluster="cum-1", unit="xa-thanh-loc", track="doan", period="2024-nam", late=True, attachments=[
         att("TC 4.2 gioi thieu doan vien uu tu.pdf", ["4.2"], ["xa-thanh-loc"])]))

# ---- cum-4 (leader ca-huyen, deputy thpt-giong-rieng) --------------------------------------------
case("22-other-track-code-not-matched", ("Đoàn cơ sở Công an huyện", "doan.conganhuyen@example.org"),
     "Cụm 4 gửi minh chứng công tác Đoàn 9 tháng", datetime(2024, 9, 8, 16, 0, tzinfo=VN),
     files=["TC H1.1 hoc tap.pdf", "TC 2.3 tien quan nhap ngu - CA huyen.jpg", "TC 1.10 ảnh.jpg", "Bao cao 11.1.2024.pdf"],
     expect=facts(cluster="cum-4", unit="ca-huyen", track="doan", period="2024-9t", late=False, attachments=[
         att("TC H1.1 hoc tap.pdf", [], []), att("TC 2.3 tien quan nhap ngu - CA huyen.jpg", ["2.3"], ["ca-huyen"]),
         att("TC 1.10 ảnh.jpg", [], []), att("Bao cao 11.1.2024.pdf", [], [])]))

case("23-zip-with-unit-folders", ("Đoàn cơ sở Công an huyện", "doan.conganhuyen@example.org"),
     "Cụm 4 gửi minh chứng 9 tháng năm 2024", datetime(2024, 9, 6, 9, 30, tzinfo=VN),
     files=[("Cum 4.zip", zipped([("THPT Long Thanh/TC 1.1/ke hoach.pdf", pdf("23a")),
                                 ("Khoi co quan/Tieu chi 4.4 - so sach.pdf", pdf("23b")),
                                 ("Quan su huyen/2.3/anh tien quan.jpg", jpg("23c"))]))],
     expect=facts(cluster="cum-4", unit="ca-huyen", track="doan", period="2024-9t", late=False, attachments=[
         att("Cum 4.zip", [], []),
         att("ke hoach.pdf", ["1.1"], ["thpt-long-thanh"], "THPT Long Thanh/TC 1.1/ke hoach.pdf"),
         att("Tieu chi 4.4 - so sach.pdf", ["4.4"], ["khoi-co-quan"], "Khoi co quan/Tieu chi 4.4 - so sach.pdf"),
         att("anh tien quan.jpg", ["2.3"], ["qs-huyen"], "Quan su huyen/2.3/anh tien quan.jpg")]))

case("24-criterion-zip", ("Đoàn trường THPT Giồng Riềng", "doan.thptgiongrieng@example.org"),
     "Cụm 4 gửi minh chứng hoạt động chung của cụm quý III", datetime(2024, 9, 2, 9, 30, tzinfo=VN),
     files=[("Tiêu chí 4.5 - Họp cụm.zip", zipped([("bien ban hop cum.pdf", pdf("24a")), ("anh hop cum 1.jpg", jpg("24b"))]))],
     expect=facts(cluster="cum-4", unit="thpt-giong-rieng", track="doan", period="2024-9t", late=False, attachments=[
         att("Tiêu chí 4.5 - Họp cụm.zip", ["4.5"], []),
         att("bien ban hop cum.pdf", ["4.5"], [], "bien ban hop cum.pdf"),
         att("anh hop cum 1.jpg", ["4.5"], [], "anh hop cum 1.jpg")]))

case("25-hoi-links-with-keywords", ("Đoàn cơ sở Công an huyện", "doan.conganhuyen@example.org"),
     "Cụm 4 gửi minh chứng Hội LHTN quý III", datetime(2024, 9, 1, 9, 30, tzinfo=VN),
     text=("Gửi Văn phòng,\nNăm xung kích - Quân sự huyện: https://fb.watch/abcDEF/\n"
           "Câu lạc bộ THPT Long Thạnh (https://www.facebook.com/groups/clbthptlongthanh).\n"
           "H2.1 Khối cơ quan <https://www.dropbox.com/scl/fo/k1/h?rlkey=z&dl=0>\n" + SIGN),
     expect=facts(cluster="cum-4", unit="ca-huyen", track="hoi", period="2024-9t", late=False, links=[
         link("https://fb.watch/abcDEF/", ["H1.2"], ["qs-huyen"]),
         link("https://www.facebook.com/groups/clbthptlongthanh", ["H2.2"], ["thpt-long-thanh"]),
         link("https://www.dropbox.com/scl/fo/k1/h?rlkey=z&dl=0", ["H2.1"], ["khoi-co-quan"])]))

case("26-member-school-hoi-codes-decide-track", ("Đoàn trường THPT Hòa Thuận", "doan.thpthoathuan@example.org"),
     "THPT Hòa Thuận gửi minh chứng 9 tháng", datetime(2024, 9, 4, 9, 30, tzinfo=VN),
     files=["H1.3 bon dong hanh.pdf", "H2.2 - Quyet dinh thanh lap CLB.pdf"],
     expect=facts(cluster="cum-4", unit="thpt-hoa-thuan", track="hoi", period="2024-9t", late=False, attachments=[
         att("H1.3 bon dong hanh.pdf", ["H1.3"], ["thpt-hoa-thuan"]),
         att("H2.2 - Quyet dinh thanh lap CLB.pdf", ["H2.2"], ["thpt-hoa-thuan"])]))

# ---- forwarding, encodings, non-accepted ---------------------------------------------------------
def forwarded_as_attachment(msg):
    inner = EmailMessage()
    inner["From"] = "Đoàn trường THPT Hòa Thuận <doan.thpthoathuan@example.org>"
    inner["To"] = "btv.cum4@example.org"
    inner["Subject"] = "Đoàn trường THPT Hòa Thuận gửi minh chứng 9 tháng"
    inner["Date"] = format_datetime(datetime(2024, 9, 5, 7, 0, tzinfo=VN))
    inner["Message-ID"] = "<inner-27@mail.gmail.com>"
    inner.set_content("Kính gửi đồng chí phụ trách cụm." + SIGN)
    inner.add_attachment(pdf("27a"), maintype="application", subtype="pdf", filename="TC 5.1 Ke hoach 5 dieu Bac Ho day.pdf")
    msg.set_content("Chuyển tiếp minh chứng của THPT Hòa Thuận.")
    msg.add_attachment(inner)

case("27-supervisor-forwards-as-attachment", ("Ủy viên BTV phụ trách Cụm 4", "btv.cum4@example.org"),
     "Fwd: Đoàn trường THPT Hòa Thuận gửi minh chứng 9 tháng", datetime(2024, 9, 5, 8, 0, tzinfo=VN),
     build=forwarded_as_attachment,
     expect=facts(cluster="cum-4", unit="thpt-hoa-thuan", track="doan", period="2024-9t", late=False, attachments=[
         att("TC 5.1 Ke hoach 5 dieu Bac Ho day.pdf", ["5.1"], ["thpt-hoa-thuan"])]))

case("28-office-inline-forward", ("Văn phòng Huyện đoàn", "vanphong.huyendoan@example.org"),
     "Fwd: minh chứng xã Vĩnh Phú", datetime(2024, 6, 7, 8, 0, tzinfo=VN),
     files=["TC 1.1 - ke hoach.pdf"],
     text=("---------- Forwarded message ---------\nFrom: Đoàn xã Vĩnh Phú <doan.vinhphu@example.org>\n"
           "Date: Thu, 6 Jun 2024 at 20:10\nSubject: minh chứng xã Vĩnh Phú\nTo: <vanphong.huyendoan@example.org>\n\n"
           "Gửi văn phòng minh chứng, TC 2.1 ảnh: https://drive.google.com/file/d/9zz/view" + SIGN),
     expect=facts(cluster="cum-3", unit="xa-vinh-phu", track="doan", period="2024-6t", late=False,
                  attachments=[att("TC 1.1 - ke hoach.pdf", ["1.1"], ["xa-vinh-phu"])],
                  links=[link("https://drive.google.com/file/d/9zz/view", ["2.1"], ["xa-vinh-phu"])]))

case("29-nfd-names", ("Đoàn xã Thạnh Lộc", "doan.thanhloc@example.org"),
     unicodedata.normalize("NFD", "Xã Thạnh Lộc gửi minh chứng quý III"), datetime(2024, 8, 20, 9, 0, tzinfo=VN),
     files=[unicodedata.normalize("NFD", "TC 2.2 Sáng kiến Thạnh Lộc.docx")],
     expect=facts(cluster="cum-1", unit="xa-thanh-loc", track="doan", period="2024-9t", late=False, attachments=[
         att("TC 2.2 Sáng kiến Thạnh Lộc.docx", ["2.2"], ["xa-thanh-loc"])]))

case("30-windows-1258", ("Đoàn xã Bàn Thạch", "doan.banthach@example.org"),
     "Bàn Thạch gửi minh chứng 6 tháng đầu năm", datetime(2024, 6, 6, 9, 0, tzinfo=VN),
     files=["TC 1.1 Kế hoạch.pdf"], headers=[("charset", "windows-1258")],
     text="Kính gửi Văn phòng, xã Bàn Thạch gửi minh chứng.\nTC 2.1 Bàn Thạch: https://drive.google.com/drive/folders/w1258" + SIGN,
     expect=facts(cluster="cum-2", unit="xa-ban-thach", track="doan", period="2024-6t", late=False,
                  attachments=[att("TC 1.1 Kế hoạch.pdf", ["1.1"], ["xa-ban-thach"])],
                  links=[link("https://drive.google.com/drive/folders/w1258", ["2.1"], ["xa-ban-thach"])]))

case("31-unknown-sender", ("Nguyễn Văn A", "nguyenvana1990@gmail.com"),
     "Gửi minh chứng đoàn xã", datetime(2024, 6, 7, 9, 0, tzinfo=VN),
     files=["TC 1.1.pdf"],
     expect=facts(status="quarantined", reason="unknown-sender", track="doan", period="2024-6t", late=False,
                  attachments=[att("TC 1.1.pdf", ["1.1"], [])]))

case("32-auto-reply-ignored", ("Đoàn xã Bàn Tân Định", "doan.bantandinh@example.org"),
     "Trả lời tự động: Nhắc nộp minh chứng quý II", datetime(2024, 6, 3, 9, 0, tzinfo=VN),
     headers=[("Auto-Submitted", "auto-replied")], text="Tôi đang đi công tác, sẽ trả lời sau.",
     expect=facts(status="ignored", reason="auto-reply"))

case("33-failed-authentication", ("Đoàn xã Ngọc Chúc", "doan.ngocchuc@example.org"),
     "Cụm 2 gửi minh chứng Đoàn", datetime(2024, 6, 7, 9, 0, tzinfo=VN),
     files=["TC 1.1 - Ngọc Hòa.pdf"],
     headers=[("Authentication-Results", "mx.google.com; dkim=fail header.i=@example.org; spf=fail smtp.mailfrom=example.org; dmarc=fail (p=NONE) header.from=example.org")],
     expect=facts(status="quarantined", reason="failed-authentication", track="doan", period="2024-6t", late=False,
                  attachments=[att("TC 1.1 - Ngọc Hòa.pdf", ["1.1"], ["xa-ngoc-hoa"])]))

# ---------------------------------------------------------------------------------------------------
MIME = {"pdf": ("application", "pdf"), "jpg": ("image", "jpeg"), "zip": ("application", "zip"),
        "docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
        "xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")}

def cp1258(text):
    """windows-1258 has few precomposed letters: the rest is a base letter plus a combining tone."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in d if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
            out += base.encode("cp1258") + tones.encode("cp1258")
    return bytes(out)

def build(c):
    msg = EmailMessage()
    name, address = c["sender"]
    msg["From"] = f"{name} <{address}>"
    msg["To"] = c.get("to", f"Huyện đoàn Giồng Riềng <{MAILBOX}>")
    msg["Subject"] = c["subject"]
    msg["Date"] = format_datetime(c["date"])
    msg["Message-ID"] = f"<acceptance-{c['name']}@mail.gmail.com>"
    charset = "utf-8"
    for key, value in c["headers"]:
        if key == "charset":
            charset = value
        else:
            msg[key] = value
    if c["build"]:
        c["build"](msg)
    else:
        text = c["text"] if c["text"] is not None else "Kính gửi Văn phòng Huyện đoàn,\nXin gửi minh chứng." + SIGN
        if charset == "windows-1258":
            msg.set_content(cp1258(text), maintype="text", subtype="plain", cte="quoted-printable")
            msg.get_body().set_param("charset", "windows-1258")
        else:
            msg.set_content(text)
        if c["html"]:
            msg.add_alternative(c["html"], subtype="html")
        for f in c["files"]:
            fname, data = f if isinstance(f, tuple) else (f, content(f, c["name"] + f))
            maintype, subtype = MIME[fname.rsplit(".", 1)[-1].lower()]
            msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=fname)
    received = format_datetime(c["date"].astimezone(timezone.utc))
    raw = (f"Received: by 2002:a05:6a10:1234 with SMTP id abc; {received}\r\n").encode() + msg.as_bytes(policy=SMTP)
    return raw

def write(cases):
    for c in cases:
        with open(c["name"] + ".eml", "wb") as f:
            f.write(build(c))
        with open(c["name"] + ".json", "w", encoding="utf-8") as f:
            json.dump(c["expect"], f, ensure_ascii=False, indent=2)
            f.write("\n")
    print(f"{len(cases)} cases")

# ../acceptance-city/generate.py imports the helpers above for the second campaign's cases.
if __name__ == "__main__":
    write(CASES)
