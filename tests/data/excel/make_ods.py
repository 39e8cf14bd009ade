"""Writes sick_leave.ods (sheet "Kvartal": the rows of sick_leave.xlsx, dates as ODS date cells)
with the Python standard library only. Run: python3 make_ods.py"""
import zipfile

ROWS = [("2021-01-01", 6.9), ("2021-04-01", 7.1), ("2021-07-01", 5.8), ("2021-10-01", 6.4), ("2022-01-01", 7.6)]
T = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
O = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
X = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def cell_text(s):
    return f'<table:table-cell office:value-type="string"><text:p>{s}</text:p></table:table-cell>'


rows = [f"<table:table-row>{cell_text('kvartal')}{cell_text('sykefravær')}</table:table-row>"]
for d, v in ROWS:
    rows.append(
        "<table:table-row>"
        f'<table:table-cell office:value-type="date" office:date-value="{d}"><text:p>{d}</text:p></table:table-cell>'
        f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
        "</table:table-row>"
    )
content = (
    f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{O}" xmlns:table="{T}" '
    f'xmlns:text="{X}" office:version="1.2"><office:body><office:spreadsheet>'
    f'<table:table table:name="Kvartal">{"".join(rows)}</table:table>'
    "</office:spreadsheet></office:body></office:document-content>"
)
manifest = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)
with zipfile.ZipFile("sick_leave.ods", "w") as z:
    z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
    z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
