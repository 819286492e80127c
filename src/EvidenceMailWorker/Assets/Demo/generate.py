#!/usr/bin/env python3
"""Writes the sample mail `demo` plays through the worker: NN-name.eml, one realistic message to the
sample 2024 campaign (config/campaign.json) each, arriving at its Received:/Date: time.

Run from this folder (`python3 generate.py`); the output is committed and embedded in the executable,
so the script only documents how the mail was made. Standard library only. The attachments are small
but real files: a one-page PDF, a Word document, an Excel workbook, a PNG picture, zip archives.

The story, per cluster (what DemoTests checks by hand against CONTRACT §5):
- Cụm 2 is the model cluster: complete for every track on time in each period (6 tháng: one submission
  split over three emails with zip archives; 9 tháng: one email with two zips; tổng kết: a table of
  Google Drive links).
- Cụm 1 is late: its 6-month evidence (every unit's Đoàn criteria, in a zip named without diacritics)
  and its year-end evidence come after the deadlines, its 9-month on time with a late addition from a
  member unit.
- Cụm 3 sends on time but units are missing: Xã Long Thạnh and Xã Vĩnh Phú send nothing for 6 or 9
  tháng; links, a member's own Hội submission, a supervisor forwarding a unit's message as an
  attachment, the other five units' Đoàn criteria in one zip for 9 tháng.
- Cụm 4 never sends: only an out-of-office auto-reply from its leader to the first reminder.
- A stranger (an address no unit has) sends a file.
"""
import io, struct, zipfile, zlib
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from datetime import datetime, timezone, timedelta

VN = timezone(timedelta(hours=7))
MAILBOX = "Huyện đoàn Giồng Riềng <huyendoangiongrieng@gmail.com>"
AUTH = ("mx.google.com; dkim=pass header.i=@{1} header.s=mail; "
        "spf=pass (google.com: domain of {0} designates 203.0.113.25 as permitted sender) smtp.mailfrom={0}; "
        "dmarc=pass (p=NONE sp=NONE dis=NONE) header.from={1}")

# ---- small real files ---------------------------------------------------------------------------

def ascii_fold(text):
    import unicodedata
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")

def pdf(title):
    """A valid one-page PDF with the title in Helvetica (PDF base fonts have no Vietnamese letters,
    so the page carries the title without diacritics; the file name keeps them)."""
    line = ascii_fold(title).replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 14 Tf 56 780 Td ({line}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)

def _zip(parts):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            z.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return buf.getvalue()

def escape_xml(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

def docx(title):
    """A valid Word document holding the title as its one paragraph."""
    return _zip([
        ("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
         '</Types>'),
        ("_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
         '</Relationships>'),
        ("word/document.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
         f'<w:p><w:r><w:t>{escape_xml(title)}</w:t></w:r></w:p></w:body></w:document>'),
    ])

def xlsx(title, rows):
    """A valid Excel workbook: the title in A1, then one row per entry (inline strings)."""
    def cell(ref, text):
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape_xml(text)}</t></is></c>'
    sheet_rows = [f'<row r="1">{cell("A1", title)}</row>']
    for i, (a, b) in enumerate(rows, 2):
        sheet_rows.append(f'<row r="{i}">{cell(f"A{i}", a)}{cell(f"B{i}", b)}</row>')
    return _zip([
        ("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
         '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
         '</Types>'),
        ("_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
         '</Relationships>'),
        ("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
         '<sheets><sheet name="Danh sach" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
         '</Relationships>'),
        ("xl/worksheets/sheet1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
         + "".join(sheet_rows) + '</sheetData></worksheet>'),
    ])

def png(seed, width=16, height=12):
    """A valid PNG "photo": a colour gradient that differs per file (no two files share bytes)."""
    h = zlib.crc32(seed.encode())
    r0, g0, b0 = h & 0xFF, (h >> 8) & 0xFF, (h >> 16) & 0xFF
    raw = bytearray()
    for y in range(height):
        raw.append(0)
        for x in range(width):
            raw += bytes(((r0 + 3 * x) & 0xFF, (g0 + 4 * y) & 0xFF, (b0 + x + y) & 0xFF))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))

def file_for(name):
    """Bytes for an attachment or archive entry, by extension; the title comes from the name."""
    stem, ext = name.rsplit("/", 1)[-1].rsplit(".", 1)
    if ext == "pdf":
        return pdf(stem)
    if ext == "docx":
        return docx(stem)
    if ext == "xlsx":
        return xlsx(stem, [("STT", "Họ và tên"), ("1", "Nguyễn Văn Hùng"), ("2", "Trần Thị Mỹ Linh")])
    if ext == "png":
        return png(name)
    raise ValueError(name)

def zipped(entries):
    """A zip as Windows 11 and 7-Zip write it: UTF-8 names (flag 0x800), deflated entries."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in entries:
            info = zipfile.ZipInfo(name, (2024, 5, 27, 20, 0, 0))
            info.flag_bits |= 0x800
            z.writestr(info, file_for(name), zipfile.ZIP_DEFLATED)
    return buf.getvalue()

# ---- the campaign's names (config/campaign.json) ------------------------------------------------

CUM1_FOLDERS = ["Thi tran Giong Rieng", "Thanh Hoa", "Thanh Binh", "Thanh Loc", "Thanh Phuoc", "Thanh Hung"]
CUM3_SENDING = ["Xã Hòa Thuận", "Xã Hòa An", "Xã Hòa Hưng", "Xã Hòa Lợi", "Xã Vĩnh Thạnh"]  # not Long Thạnh, Vĩnh Phú
CUM2_UNITS = ["Xã Ngọc Chúc", "Xã Ngọc Thành", "Xã Ngọc Thuận", "Xã Ngọc Hòa", "Xã Bàn Thạch", "Xã Bàn Tân Định"]
DOAN_UNIT_CRITERIA = {
    "1.1": "Kế hoạch học tập Nghị quyết", "1.2": "Đăng ký làm theo", "1.3": "Hình ảnh kỷ niệm 26-3",
    "1.4": "Báo cáo tuyên truyền pháp luật", "2.1": "Báo cáo ra quân tình nguyện", "2.2": "Danh sách sáng kiến",
    "2.3": "Hình ảnh tiễn quân", "2.4": "Biên bản bàn giao công trình", "2.5": "Kế hoạch chuyển đổi số",
    "3.1": "Danh sách hỗ trợ vay vốn", "3.2": "Hình ảnh hội thao", "4.1": "Quyết định kết nạp đoàn viên",
    "4.2": "Văn bản giới thiệu đoàn viên ưu tú", "4.3": "Biên bản kiểm tra", "4.4": "Sổ sinh hoạt chi đoàn",
    "5.1": "Kế hoạch hoạt động thiếu nhi", "5.2": "Hình ảnh vui Tết Trung thu",
}
HOI_UNIT_CRITERIA = {
    "H1.1": "Báo cáo sinh hoạt chính trị", "H1.2": "Báo cáo Năm xung kích", "H1.3": "Danh sách Bốn đồng hành",
    "H2.1": "Danh sách hội viên mới", "H2.2": "Quyết định thành lập câu lạc bộ", "H2.3": "Hình ảnh hiến máu",
}

def extension(description):
    # Scans as PDF, photos as PNG: the smallest real files, so a complete cluster's archive stays small.
    return "png" if description.startswith("Hình ảnh") else "pdf"

def unit_folders(units, criteria, word):
    """One folder per unit, one sub-folder per criterion (`Xã Ngọc Chúc/Tiêu chí 1.1/...`)."""
    return [f"{unit}/{word} {code}/{text}.{extension(text)}"
            for unit in units for code, text in criteria.items()]

def unit_files(units, criteria):
    """One folder per unit, files named by code alone, without diacritics (`Thanh Hoa/TC 1.1.pdf`)."""
    return [f"{unit}/TC {code}.{extension(text)}" for unit in units for code, text in criteria.items()]

# ---- the messages -------------------------------------------------------------------------------

SIGN = "\n\nTrân trọng,\n{0}\n"
MESSAGES = []

def message(name, sender, subject, at, text, files=(), html=None, headers=(), build=None):
    MESSAGES.append(dict(name=name, sender=sender, subject=subject, at=at, text=text, files=files,
                         html=html, headers=headers, build=build))

def at(month, day, hour, minute):
    return datetime(2024, month, day, hour, minute, tzinfo=VN)

LEADER_1 = ("Đoàn TT Giồng Riềng", "doan.ttgiongrieng@example.org")
LEADER_2 = ("Đoàn xã Ngọc Chúc", "doan.ngocchuc@example.org")
LEADER_3 = ("Đoàn xã Hòa Thuận", "doan.hoathuan@example.org")
LEADER_4 = ("Đoàn cơ sở Công an huyện", "doan.conganhuyen@example.org")

message("01-cum1-ky-niem-26-3", LEADER_1,
        "Cụm 1 gửi minh chứng kỷ niệm 93 năm Ngày thành lập Đoàn", at(3, 26, 15, 20),
        "Kính gửi Văn phòng Huyện đoàn,\nCụm 1 gửi hình ảnh hoạt động kỷ niệm Ngày thành lập Đoàn TNCS Hồ Chí Minh 26/3."
        + SIGN.format("Bí thư Đoàn Thị trấn Giồng Riềng"),
        files=["TC 1.3 - Kỷ niệm 26-3 - TT Giồng Riềng.png", "TC 1.3 - Thạnh Hòa - thắp nến tri ân.png"])

message("02-vinh-thanh-hoi", ("Đoàn xã Vĩnh Thạnh", "doan.vinhthanh@example.org"),
        "Xã Vĩnh Thạnh gửi minh chứng công tác Hội quý II", at(4, 18, 9, 5),
        "Kính gửi Văn phòng Huyện đoàn,\nXã Vĩnh Thạnh gửi minh chứng công tác Hội và phong trào thanh niên."
        + SIGN.format("Chủ tịch Hội LHTN xã Vĩnh Thạnh"),
        files=["H1.1 - Học tập chính trị tư tưởng - Vĩnh Thạnh.pdf", "H2.3 - Hiến máu tình nguyện.png"])

CUM2_6T = "Cụm 2 gửi minh chứng công tác {0} 6 tháng đầu năm 2024 (phần {1}/3)"
message("03-cum2-phan-1", LEADER_2, CUM2_6T.format("Đoàn", 1), at(5, 28, 9, 12),
        "Kính gửi Văn phòng Huyện đoàn,\nCụm 2 gửi minh chứng công tác Đoàn của Ngọc Chúc, Ngọc Thành, Ngọc Thuận (phần 1)."
        + SIGN.format("Bí thư Đoàn xã Ngọc Chúc – Cụm trưởng Cụm 2"),
        files=[("Cum 2 - Doan - phan 1.zip", zipped(unit_folders(CUM2_UNITS[:3], DOAN_UNIT_CRITERIA, "Tiêu chí")))])
message("04-cum2-phan-2", LEADER_2, CUM2_6T.format("Đoàn", 2), at(5, 28, 9, 13),
        "Phần 2: Ngọc Hòa, Bàn Thạch, Bàn Tân Định và biên bản họp cụm." + SIGN.format("Cụm trưởng Cụm 2"),
        files=[("Cum 2 - Doan - phan 2.zip", zipped(unit_folders(CUM2_UNITS[3:], DOAN_UNIT_CRITERIA, "Tiêu chí"))),
               "TC 4.5 - Biên bản họp cụm thi đua quý II.pdf"])
message("05-cum2-phan-3", LEADER_2, CUM2_6T.format("Hội", 3), at(5, 28, 9, 14),
        "Phần 3: minh chứng công tác Hội của 6 đơn vị trong cụm." + SIGN.format("Cụm trưởng Cụm 2"),
        files=[("Cum 2 - Hoi.zip", zipped(unit_folders(CUM2_UNITS, HOI_UNIT_CRITERIA, "TC")
                                          + ["H3.1 - Biên bản phối hợp của cụm.pdf"]))])

def auto_reply(msg):
    msg["Auto-Submitted"] = "auto-replied"
    msg["X-Autoreply"] = "yes"
    msg["In-Reply-To"] = "<reminder.0f3a@evidencemailworker.invalid>"
    msg.set_content("Tôi đang đi tập huấn tại Tỉnh đoàn đến hết ngày 07/6/2024, sẽ trả lời khi về.\n"
                    "Việc gấp xin liên hệ đồng chí Phó Bí thư.\n")

message("06-cum4-tra-loi-tu-dong", LEADER_4,
        "Trả lời tự động: [Nhắc nộp minh chứng] Cụm 4 – 6 tháng đầu năm 2024: còn 7 ngày", at(6, 3, 8, 4), None,
        build=auto_reply)

DRIVE = "https://drive.google.com/drive/folders/"
LINKS_07 = [("TC 1.1 - Xã Hòa Thuận", DRIVE + "1HtQf7aKc2Lm9Xw0Rr5bYz"), ("TC 1.1 - Xã Hòa An", DRIVE + "1HaAn3Pq8vTt2Ww6Yy1Uc"),
            ("TC 2.1 - Xã Hòa Hưng", "https://docs.google.com/document/d/1HoaHung21TinhNguyen/edit?usp=sharing"),
            ("TC 4.5 - Biên bản họp cụm thi đua", "https://drive.google.com/file/d/1Cum3HopCum45/view?usp=drive_link")]
message("07-cum3-link", LEADER_3, "Cụm 3 gửi link minh chứng 6 tháng đầu năm 2024", at(6, 5, 14, 20),
        "Kính gửi Văn phòng Huyện đoàn,\nCụm 3 gửi đường link minh chứng:\n"
        + "".join(f"{label}: {url}\n" for label, url in LINKS_07) + SIGN.format("Bí thư Đoàn xã Hòa Thuận – Cụm trưởng Cụm 3"),
        html=('<div dir="ltr"><div>Kính gửi Văn phòng Huyện đoàn,</div><div>Cụm 3 gửi đường link minh chứng:</div>'
              + "".join(f'<div>{label}: <a href="{url.replace("&", "&amp;")}">{url.replace("&", "&amp;")}</a></div>' for label, url in LINKS_07)
              + '<div><br></div><div>Trân trọng,</div><div>Bí thư Đoàn xã Hòa Thuận – Cụm trưởng Cụm 3</div></div>'))

def forwarded_as_attachment(msg):
    inner = EmailMessage()
    inner["From"] = "Đoàn xã Hòa Lợi <doan.hoaloi@example.org>"
    inner["To"] = "Ủy viên BTV phụ trách Cụm 3 <btv.cum3@example.org>"
    inner["Subject"] = "Xã Hòa Lợi gửi minh chứng 6 tháng"
    inner["Date"] = format_datetime(at(6, 6, 19, 2))
    inner["Message-ID"] = "<demo-08-inner-hoaloi@mail.gmail.com>"
    inner.set_content("Kính gửi đồng chí phụ trách cụm,\nXã Hòa Lợi gửi minh chứng, nhờ đồng chí chuyển giúp lên Văn phòng."
                      + SIGN.format("Bí thư Đoàn xã Hòa Lợi"))
    for name in ["TC 2.2 - Sáng kiến - Hòa Lợi.docx", "TC 3.2 - Hội thao thanh niên.png"]:
        maintype, subtype = MIME[name.rsplit(".", 1)[-1]]
        inner.add_attachment(file_for(name), maintype=maintype, subtype=subtype, filename=name)
    msg.set_content("Văn phòng nhận giúp minh chứng của xã Hòa Lợi (xã gửi nhầm vào hộp thư của tôi)."
                    + SIGN.format("Ủy viên BTV phụ trách Cụm 3"))
    msg.add_attachment(inner)

message("08-btv-chuyen-tiep-hoa-loi", ("Ủy viên BTV phụ trách Cụm 3", "btv.cum3@example.org"),
        "Fwd: Xã Hòa Lợi gửi minh chứng 6 tháng", at(6, 6, 20, 10), None, build=forwarded_as_attachment)

message("09-nguoi-la", ("Nguyễn Văn A", "nguyenvana1990@gmail.com"), "Gửi minh chứng đoàn xã", at(6, 7, 9, 0),
        "Em gửi minh chứng ạ.\n", files=["TC 1.1.pdf"])

message("10-cum1-tre-han", LEADER_1, "Cụm 1 gửi minh chứng 6 tháng đầu năm 2024 (nộp trễ)", at(6, 12, 10, 30),
        "Kính gửi Văn phòng Huyện đoàn,\nCụm 1 xin lỗi vì gửi trễ hạn do các xã tổng hợp chậm; tệp nén có đủ 6 đơn vị."
        + SIGN.format("Bí thư Đoàn Thị trấn Giồng Riềng – Cụm trưởng Cụm 1"),
        files=[("Cum 1 - 6 thang - Doan.zip", zipped(unit_files(CUM1_FOLDERS, DOAN_UNIT_CRITERIA))),
               "TC 4.1 - Xã Thạnh Lộc - Danh sách kết nạp.xlsx", "TC 4.5 - Biên bản họp cụm.pdf"])

message("11-cum3-hoa-an", ("Đoàn xã Hòa An", "doan.hoaan@example.org"), "Cụm 3 gửi minh chứng 9 tháng", at(8, 27, 10, 0),
        "Gửi Văn phòng tệp đăng ký làm theo." + SIGN.format("Phó Bí thư Đoàn xã Hòa An"),
        files=["TC 1.2 đăng ký làm theo.pdf"])

message("12-cum2-9-thang", LEADER_2, "Cụm 2 gửi minh chứng 9 tháng năm 2024", at(9, 5, 16, 45),
        "Kính gửi Văn phòng Huyện đoàn,\nCụm 2 gửi đủ minh chứng 9 tháng: công tác Đoàn và công tác Hội, mỗi mảng một tệp nén."
        + SIGN.format("Bí thư Đoàn xã Ngọc Chúc – Cụm trưởng Cụm 2"),
        files=[("Cụm 2 - Đoàn - 9 tháng.zip", zipped(unit_folders(CUM2_UNITS, DOAN_UNIT_CRITERIA, "Tiêu chí")
                                                    + ["Tiêu chí 4.5/Biên bản họp cụm quý III.pdf"])),
               ("Cụm 2 - Hội - 9 tháng.zip", zipped(unit_folders(CUM2_UNITS, HOI_UNIT_CRITERIA, "TC")
                                                   + ["H3.1 - Kế hoạch phối hợp quý III.docx"]))])

message("13-cum3-9-thang", LEADER_3, "Cụm 3 gửi minh chứng công tác Đoàn 9 tháng năm 2024", at(9, 6, 9, 30),
        "Kính gửi Văn phòng,\nCụm 3 gửi tệp nén minh chứng 9 tháng của 5 xã; xã Long Thạnh và xã Vĩnh Phú chưa gửi kịp."
        + SIGN.format("Cụm trưởng Cụm 3"),
        files=[("Cum 3 - 9 thang.zip", zipped(unit_folders(CUM3_SENDING, DOAN_UNIT_CRITERIA, "TC")
                                              + ["TC 4.5 - Biên bản họp cụm quý III.pdf"]))])

message("14-cum1-khong-dau", ("Doan TT Giong Rieng", "doan.ttgiongrieng@example.org"),
        "cum 1 gui minh chung 9 thang cong tac doan", at(9, 9, 21, 40),
        "Gui van phong minh chung 9 thang cua cum 1.\n\nTran trong.\n",
        files=["tc1.4 tuyen truyen phap luat - thanh hung.pdf", "TC3.2 van nghe Thanh Phuoc.png"])

message("15-thanh-binh-bo-sung", ("Đoàn xã Thạnh Bình", "doan.thanhbinh@example.org"),
        "Xã Thạnh Bình gửi bổ sung minh chứng 9 tháng", at(9, 13, 8, 15),
        "Kính gửi Văn phòng, xã Thạnh Bình gửi bổ sung hình ảnh tiễn quân." + SIGN.format("Bí thư Đoàn xã Thạnh Bình"),
        files=["TC 2.3 - Tiễn quân nhập ngũ.png"])

def drive_id(unit, code):
    return "1" + format(zlib.crc32(f"{unit}|{code}".encode()), "08x") + "Gr2024Nam"

CUM2_LINKS = [(unit, code, DRIVE + drive_id(unit, code))
              for unit in CUM2_UNITS for code in list(DOAN_UNIT_CRITERIA) + list(HOI_UNIT_CRITERIA)]
CUM2_LINKS += [("Cụm 2", "4.5", DRIVE + drive_id("cum", "4.5")), ("Cụm 2", "H3.1", DRIVE + drive_id("cum", "H3.1"))]
message("16-cum2-tong-ket-link", LEADER_2, "Cụm 2 gửi minh chứng tổng kết năm 2024 (link Google Drive)", at(10, 2, 10, 0),
        "Kính gửi Văn phòng Huyện đoàn,\nCụm 2 gửi bảng link minh chứng tổng kết năm:\n"
        + "".join(f"{unit} - TC {code}: {url}\n" for unit, code, url in CUM2_LINKS)
        + SIGN.format("Bí thư Đoàn xã Ngọc Chúc – Cụm trưởng Cụm 2"),
        html=('<div><p>Kính gửi Văn phòng Huyện đoàn,</p><p>Cụm 2 gửi bảng link minh chứng tổng kết năm:</p>'
              '<table border="1" cellpadding="4"><tr><th>Đơn vị</th><th>Tiêu chí</th><th>Link</th></tr>'
              + "".join(f'<tr><td>{unit}</td><td>TC {code}</td><td><a href="{url}">Mở thư mục</a></td></tr>' for unit, code, url in CUM2_LINKS)
              + '</table><p>Trân trọng,<br>Bí thư Đoàn xã Ngọc Chúc – Cụm trưởng Cụm 2</p></div>'))

message("17-cum3-tong-ket", LEADER_3, "Cụm 3 gửi minh chứng tổng kết năm 2024", at(10, 8, 15, 0),
        "Kính gửi Văn phòng,\nCụm 3 gửi biên bản họp cụm và hình ảnh Trung thu.\n"
        "TC 2.1 - Xã Long Thạnh: https://www.facebook.com/doanxalongthanh/posts/pfbid02Tn7\n"
        + SIGN.format("Cụm trưởng Cụm 3"),
        files=["TC 4.5 - Biên bản họp cụm cuối năm.pdf", "Xã Vĩnh Phú - TC 5.2 - Trung thu cho em.png"])

message("18-cum1-tong-ket-tre", LEADER_1, "Cụm 1 gửi minh chứng tổng kết năm 2024", at(10, 14, 9, 0),
        "Kính gửi Văn phòng Huyện đoàn,\nCụm 1 gửi minh chứng tổng kết năm (trễ hạn)." + SIGN.format("Cụm trưởng Cụm 1"),
        files=["TC 1.1 - Thị trấn Giồng Riềng - Báo cáo học tập Nghị quyết.pdf",
               "TC 4.2 - Xã Thạnh Phước - Giới thiệu đoàn viên ưu tú.docx"])

# ---------------------------------------------------------------------------------------------------
MIME = {"pdf": ("application", "pdf"), "png": ("image", "png"), "zip": ("application", "zip"),
        "docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
        "xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")}

def build(m):
    msg = EmailMessage()
    name, address = m["sender"]
    msg["From"] = f"{name} <{address}>"
    msg["To"] = MAILBOX
    msg["Subject"] = m["subject"]
    msg["Date"] = format_datetime(m["at"])
    msg["Message-ID"] = f"<demo-{m['name']}@mail.gmail.com>"
    for key, value in m["headers"]:
        msg[key] = value
    if m["build"]:
        m["build"](msg)
    else:
        msg.set_content(m["text"])
        if m["html"]:
            msg.add_alternative(m["html"], subtype="html")
        for f in m["files"]:
            fname, data = f if isinstance(f, tuple) else (f, file_for(f))
            maintype, subtype = MIME[fname.rsplit(".", 1)[-1].lower()]
            msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=fname)
    # Fixed boundaries, so running the script again writes the same bytes.
    for i, part in enumerate(p for p in msg.walk() if p.is_multipart()):
        part.set_boundary(f"----=_Part_{m['name'][:2]}_{i}")
    # As Gmail delivers it: its Received: line (the arrival time the worker reads) and its verdict.
    received = format_datetime(m["at"].astimezone(timezone.utc))
    head = (f"Received: by 2002:a05:6a10:8c0f with SMTP id demo{m['name'][:2]}; {received}\r\n"
            f"Authentication-Results: {AUTH.format(address, address.split('@')[1])}\r\n")
    return head.encode() + msg.as_bytes(policy=SMTP)

if __name__ == "__main__":
    total = 0
    for m in MESSAGES:
        raw = build(m)
        total += len(raw)
        with open(m["name"] + ".eml", "wb") as f:
            f.write(raw)
    print(f"{len(MESSAGES)} messages, {total / 1024:.0f} KB")
