#!/usr/bin/env python3
"""Writes the acceptance cases of the second test campaign (tests/campaigns/city: numbered wards, bare
and digit+letter codes, codes 1 and 2 in both tracks, prefixed unit names, twin school names): NN-name.eml
and NN-name.json, the facts `submissions --json` must show. Expected facts are written by hand from
CONTRACT §4 and docs/matching.md, not computed. Run from this folder; the output is committed."""
import os, sys
from datetime import datetime
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "acceptance"))
from generate import VN, att, link, facts, build, write, pdf, jpg, office, zipped  # noqa: E402

TO = "Thành đoàn Vị Thanh <thanhdoanvithanh@gmail.com>"
SIGN = "\n\nTrân trọng,\nBí thư Đoàn\n"
CASES = []

def case(name, sender, subject, date, files=(), text=None, html=None, expect=None, headers=()):
    CASES.append(dict(name=name, sender=sender, subject=subject, date=date, files=files, text=text, html=html,
                      expect=expect, headers=headers, build=None, to=TO))

P1 = ("Đoàn phường 1", "doanphuong1@example.org")      # leader of cum-1
P5 = ("Đoàn phường 5", "doanphuong5@example.org")      # leader of cum-2
P11 = ("Đoàn phường 11", "doanphuong11@example.org")   # member of cum-2
HOA_LUU = ("Đoàn xã Hỏa Lựu", "doanxahoaluu@example.org")  # leader of cum-3
TAN_TIEN = ("Đoàn xã Tân Tiến", "doanxatantien@example.org")  # deputy of cum-3
THPT = ("Đoàn trường THPT Vị Thanh", "thptvithanh@example.org")  # member of cum-2

case("01-numbered-wards-and-bare-codes", P1,
     "Cụm 1 gửi minh chứng 6 tháng đầu năm 2025 - công tác Đoàn", datetime(2025, 6, 10, 9, 0, tzinfo=VN),
     files=["TC 1 - Kế hoạch học tập nghị quyết - P3.pdf", "Tiêu chí 3 - Phường 4 - kết nạp.docx", "hình 12.jpg",
            "4a_sinh hoat chi doan_THCS Le Loi.pdf", "TC5 - Biên bản họp cụm.pdf"],
     expect=facts(cluster="cum-1", unit="p1", track="dtn", period="2025-6t", late=False, attachments=[
         att("TC 1 - Kế hoạch học tập nghị quyết - P3.pdf", ["1"], ["p3"]),
         att("Tiêu chí 3 - Phường 4 - kết nạp.docx", ["3"], ["p4"]),
         att("hình 12.jpg", [], []),
         att("4a_sinh hoat chi doan_THCS Le Loi.pdf", ["4a"], ["thcs-le-loi"]),
         att("TC5 - Biên bản họp cụm.pdf", ["5"], [])]))

case("02-ward-eleven-is-not-ward-one", P11,
     "Phường 11 gửi minh chứng 6 tháng (Đoàn)", datetime(2025, 6, 12, 20, 30, tzinfo=VN),
     files=["TC.2 - Mùa hè xanh.jpg", "TC 1.pdf", "TC 4B - So sach P.11.xlsx"],
     expect=facts(cluster="cum-2", unit="p11", track="dtn", period="2025-6t", late=False, attachments=[
         att("TC.2 - Mùa hè xanh.jpg", ["2"], ["p11"]),
         att("TC 1.pdf", ["1"], ["p11"]),
         att("TC 4B - So sach P.11.xlsx", ["4b"], ["p11"])]))

case("03-shared-codes-without-a-track", P5,
     "Cụm 2 gửi minh chứng", datetime(2025, 6, 14, 10, 0, tzinfo=VN),
     files=["Dien luc thanh pho - TC 1.pdf", "TC 2 - anh.jpg"],
     expect=facts(cluster="cum-2", unit="p5", track=None, period="2025-6t", late=False, attachments=[
         att("Dien luc thanh pho - TC 1.pdf", [], ["dien-luc"]),
         att("TC 2 - anh.jpg", [], [])]))

case("04-other-codes-decide-the-track", P5,
     "Cụm 2 gửi minh chứng", datetime(2025, 6, 14, 11, 0, tzinfo=VN),
     files=["TC 1 - ke hoach.pdf", "4a - sinh hoat - Phuong 7.pdf"],
     expect=facts(cluster="cum-2", unit="p5", track="dtn", period="2025-6t", late=False, attachments=[
         att("TC 1 - ke hoach.pdf", ["1"], []),
         att("4a - sinh hoat - Phuong 7.pdf", ["4a"], ["p7"])]))

case("05-hoi-roman-and-hyphenated-codes", HOA_LUU,
     "Cụm 3 gửi minh chứng công tác Hội 9 tháng năm 2025", datetime(2025, 9, 10, 8, 0, tzinfo=VN),
     files=["II.1 - Khoi nghiep - Hoa Tien.pdf", "ii-1 danh sach Tan Tien.xlsx", "H4_ke hoach phoi hop cum.docx",
            "TC 1 - hoi vien - Xa Vi Tan.pdf"],
     expect=facts(cluster="cum-3", unit="hoa-luu", track="hlhtn", period="2025-9t", late=False, attachments=[
         att("II.1 - Khoi nghiep - Hoa Tien.pdf", ["II.1"], ["hoa-tien"]),
         att("ii-1 danh sach Tan Tien.xlsx", ["II.1"], ["tan-tien"]),
         att("H4_ke hoach phoi hop cum.docx", ["H-4"], []),
         att("TC 1 - hoi vien - Xa Vi Tan.pdf", ["1"], ["vi-tan"])]))

case("06-twin-school-of-cluster-1", P1,
     "Cụm 1 bổ sung minh chứng Đoàn 6 tháng", datetime(2025, 6, 13, 15, 0, tzinfo=VN),
     files=["TC 2 - THCS Nguyễn Trãi - tình nguyện.pdf"],
     expect=facts(cluster="cum-1", unit="p1", track="dtn", period="2025-6t", late=False, attachments=[
         att("TC 2 - THCS Nguyễn Trãi - tình nguyện.pdf", ["2"], ["thcs-nguyen-trai-p1"])]))

case("07-twin-school-of-cluster-3-late", HOA_LUU,
     "Cụm 3 gửi minh chứng công tác Đoàn", datetime(2025, 6, 15, 18, 0, tzinfo=VN),
     files=["TC 2 - THCS Nguyen Trai.pdf"],
     expect=facts(cluster="cum-3", unit="hoa-luu", track="dtn", period="2025-6t", late=True, attachments=[
         att("TC 2 - THCS Nguyen Trai.pdf", ["2"], ["thcs-nguyen-trai-hl"])]))

case("08-twin-school-named-by-another-cluster", P5,
     "Cụm 2 gửi minh chứng Đoàn", datetime(2025, 9, 1, 9, 0, tzinfo=VN),
     files=["TC 1 - THCS Nguyễn Trãi.pdf"],
     expect=facts(cluster="cum-2", unit="p5", track="dtn", period="2025-9t", late=False, attachments=[
         att("TC 1 - THCS Nguyễn Trãi.pdf", ["1"], [])]))

case("09-zip-with-prefix-folders", TAN_TIEN,
     "Xã Tân Tiến gửi minh chứng Đoàn quý III", datetime(2025, 9, 16, 8, 0, tzinfo=VN),
     files=[("Minh chung cum 3.zip", zipped([("Tiêu chí 1/Hỏa Tiến/ke hoach.pdf", pdf("c09a")),
                                             ("Tieu chi 3/Vị Tân/QD ket nap.pdf", pdf("c09b")),
                                             ("TC-4a/bien ban.docx", office("c09c"))]))],
     expect=facts(cluster="cum-3", unit="tan-tien", track="dtn", period="2025-9t", late=True, attachments=[
         att("Minh chung cum 3.zip", [], ["tan-tien"]),
         att("ke hoach.pdf", ["1"], ["hoa-tien"], "Tiêu chí 1/Hỏa Tiến/ke hoach.pdf"),
         att("QD ket nap.pdf", ["3"], ["vi-tan"], "Tieu chi 3/Vị Tân/QD ket nap.pdf"),
         att("bien ban.docx", ["4a"], ["tan-tien"], "TC-4a/bien ban.docx")]))

case("10-hoi-links-and-hosts", THPT,
     "THPT Vị Thanh gửi minh chứng công tác Hội 6 tháng", datetime(2025, 6, 11, 14, 0, tzinfo=VN),
     text="Kính gửi Thành đoàn,\nTC 2 - CLB tiếng Anh: https://drive.google.com/drive/folders/abc123\n"
          "Ảnh hoạt động: https://photos.google.com/share/xyz" + SIGN,
     expect=facts(cluster="cum-2", unit="thpt-vi-thanh", track="hlhtn", period="2025-6t", late=False, links=[
         link("https://drive.google.com/drive/folders/abc123", ["2"], ["thpt-vi-thanh"])]))

if __name__ == "__main__":
    write(CASES)
