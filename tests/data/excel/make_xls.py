"""Writes sick_leave.xls (Excel 97-2003, BIFF8; sheet "Kvartal": the rows of sick_leave.xlsx,
dates as Excel date cells) with xlwt (pip install xlwt==1.3.0). Run: python3 make_xls.py"""
import datetime

import xlwt

ROWS = [("2021-01-01", 6.9), ("2021-04-01", 7.1), ("2021-07-01", 5.8), ("2021-10-01", 6.4), ("2022-01-01", 7.6)]

book = xlwt.Workbook(encoding="utf-8")
sheet = book.add_sheet("Kvartal")
date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
sheet.write(0, 0, "kvartal")
sheet.write(0, 1, "sykefravær")
for r, (d, v) in enumerate(ROWS, start=1):
    sheet.write(r, 0, datetime.datetime.strptime(d, "%Y-%m-%d"), date_style)
    sheet.write(r, 1, v)
book.save("sick_leave.xls")
