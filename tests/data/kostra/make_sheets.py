"""Writes the spreadsheet fixtures of the KOSTRA reader with the Python standard library only:
sheet_tidy.xlsx (tidy layout: codes as text and as numbers, SSB symbols, quarters and years),
sheet_statbank.xlsx and sheet_statbank.ods (the rows of
tests/data/samples/ssb07459_semicolon_title_Kprefix_2021_excerpt.csv with its title row and
blank row), sheet_bad_value.xlsx (the same with 'n/a' in row 6), sheet_date.xlsx (tidy, with an extra column
of Excel date and date-time cells), sheet_error.xlsx (tidy, with a #DIV/0! error cell in D3). Run: python3 make_sheets.py"""
import datetime
import zipfile
from xml.sax.saxutils import escape

TIDY = [
    ("region_code", "region_name", "indicator", "period", "value", "numerator", "denominator", "status"),
    ("0", "I alt (hele landet)", "Sykefraværsprosent menn", "2008K1", 4.7, 2829083, None, None),
    (101, "Halden", "Sykefraværsprosent menn", "2008K1", 5.3, 17923, None, None),
    ("0104", "Moss", "Sykefraværsprosent menn", "2008K1", None, None, None, ":"),
    ("0104", "Moss", "Sykefraværsprosent menn", "2008K2", "..", None, None, None),
    ("030101", "Gamle Oslo", "Sykefraværsprosent menn", "2008K1", None, None, 2000, None),
    ("0101", "Halden", "population_total", 2005, 27582, None, None, None),
]
STATBANK = [
    ("07459: Population, by region, age, contents and year",),
    (),
    ("region", "age", "Persons 2021"),
    ("K-3001 Halden", "0 years", 253),
    ("K-3001 Halden", "1 year", 269),
    ("K-3001 Halden", "2 years", 261),
    ("K-3026 Aurskog-Høland", "0 years", 162),
    ("K-3026 Aurskog-Høland", "1 year", 167),
]


DATES = [
    ("region_code", "indicator", "period", "value", "dato"),
    ("0101", "pop", 2021, 5, datetime.date(2021, 1, 1)),
    ("0101", "pop", 2022, 6, datetime.datetime(2021, 3, 1, 12, 0)),
]



class CellError(str):
    """A cell holding a spreadsheet error such as #DIV/0!."""


ERRORS = [
    ("region_code", "indicator", "period", "value"),
    ("0101", "pop", 2021, 5),
    ("0101", "pop", 2022, CellError("#DIV/0!")),
]


def serial(d):
    """Excel's serial day number (1900 system) of a date or date-time."""
    if isinstance(d, datetime.datetime):
        delta = d - datetime.datetime(1899, 12, 30)
        return delta.days + delta.seconds / 86400
    return (d - datetime.date(1899, 12, 30)).days


def col(c):
    return chr(65 + c)


def xlsx_sheet(rows):
    out = []
    for r, cells in enumerate(rows, 1):
        cs = []
        for c, v in enumerate(cells):
            ref = f"{col(c)}{r}"
            if v is None:
                continue
            if isinstance(v, CellError):
                cs.append(f'<c r="{ref}" t="e"><v>{escape(v)}</v></c>')
            elif isinstance(v, str):
                cs.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(v)}</t></is></c>')
            elif isinstance(v, datetime.date):
                # style 1 (numFmt 22, "m/d/yy h:mm") makes the number a date cell
                cs.append(f'<c r="{ref}" s="1"><v>{serial(v)}</v></c>')
            else:
                cs.append(f'<c r="{ref}"><v>{v}</v></c>')
        out.append(f'<row r="{r}">{"".join(cs)}</row>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            + "".join(out) + '</sheetData></worksheet>')


def write_xlsx(path, sheet_name, rows):
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    wb = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
          f'<sheets><sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets></workbook>')
    wbrels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    if any(isinstance(v, datetime.date) for r in rows for v in r):
        # a style table whose style 1 is a date format, for date cells
        ct = ct.replace('</Types>', '<Override PartName="/xl/styles.xml" '
                        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>')
        wbrels = wbrels.replace('</Relationships>', '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/'
                                'officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
        styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet '
                  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2">'
                  '<xf numFmtId="0"/><xf numFmtId="22" applyNumberFormat="1"/></cellXfs></styleSheet>')
    else:
        styles = None
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        if styles:
            z.writestr("xl/styles.xml", styles)
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", wbrels)
        z.writestr("xl/worksheets/sheet1.xml", xlsx_sheet(rows))


def write_ods(path, sheet_name, rows):
    T = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    O = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    X = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    out = []
    for cells in rows:
        cs = []
        for v in cells:
            if v is None:
                cs.append("<table:table-cell/>")
            elif isinstance(v, str):
                cs.append(f'<table:table-cell office:value-type="string"><text:p>{escape(v)}</text:p></table:table-cell>')
            else:
                cs.append(f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>')
        out.append(f'<table:table-row>{"".join(cs) or "<table:table-cell/>"}</table:table-row>')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{O}" xmlns:table="{T}" '
               f'xmlns:text="{X}" office:version="1.2"><office:body><office:spreadsheet>'
               f'<table:table table:name="{sheet_name}">{"".join(out)}</table:table>'
               '</office:spreadsheet></office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)


BAD = STATBANK[:5] + [("K-3026 Aurskog-Høland", "0 years", "n/a")]

write_xlsx("sheet_tidy.xlsx", "Sykefravær", TIDY)
write_xlsx("sheet_bad_value.xlsx", "07459", BAD)
write_xlsx("sheet_statbank.xlsx", "07459", STATBANK)
write_ods("sheet_statbank.ods", "07459", STATBANK)
write_xlsx("sheet_date.xlsx", "Datoer", DATES)
write_xlsx("sheet_error.xlsx", "Feil", ERRORS)
