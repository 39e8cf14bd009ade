//! Reading tables the way users have them: CSV with `,` `;` or tab, decimal comma, UTF-8 or
//! Latin-1, SSB StatBank title lines, and spreadsheets (`.xlsx`, `.xls`, `.ods`).

use std::path::Path;

use crate::error::{Error, Location, Result};

use super::Table;

/// Text encodings of CSV files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (a byte-order mark is skipped).
    Utf8,
    /// ISO 8859-1 (Latin-1), as Norwegian Excel and SSB StatBank exports: every byte is a character.
    Latin1,
}

impl std::str::FromStr for Encoding {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().replace(['-', '_'], "").as_str() {
            "utf8" => Ok(Encoding::Utf8),
            "latin1" | "iso88591" | "cp1252" | "windows1252" => Ok(Encoding::Latin1),
            _ => Err(Error::UnknownOption { argument: "encoding", given: s.into(), expected: "utf8, latin1" }),
        }
    }
}

/// How to read a table; `None` fields are detected from the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Field separator (`b','`, `b';'`, `b'\t'`).
    pub sep: Option<u8>,
    /// Whether numbers use a decimal comma (detected: yes unless the separator is `,`).
    pub decimal_comma: Option<bool>,
    /// Text encoding (detected: UTF-8 when the bytes are valid UTF-8, else Latin-1).
    pub encoding: Option<Encoding>,
    /// Worksheet of a spreadsheet, by name or 1-based number (default: the first).
    pub sheet: Option<String>,
}

impl ReadOptions {
    /// The options given as text (`None`: detected): `sep` as [`parse_sep`] takes it, `decimal`
    /// `.`/`point` or `,`/`comma`, `encoding` utf8 or latin1, `sheet` a name or a number. The
    /// error names the option.
    pub fn from_text(
        sep: Option<&str>,
        decimal: Option<&str>,
        encoding: Option<&str>,
        sheet: Option<String>,
    ) -> Result<ReadOptions> {
        let decimal_comma = match decimal {
            None => None,
            Some("," | "comma") => Some(true),
            Some("." | "point") => Some(false),
            Some(d) => {
                return Err(Error::InvalidArgument {
                    argument: "decimal",
                    reason: format!("unknown decimal mark '{d}': expected '.' or ','"),
                })
            }
        };
        Ok(ReadOptions {
            sep: sep.map(parse_sep).transpose()?,
            decimal_comma,
            encoding: encoding.map(str::parse).transpose()?,
            sheet,
        })
    }
}

/// Parses a separator given by name or character: `,` `;` `tab` `\t` `|`.
pub fn parse_sep(s: &str) -> Result<u8> {
    match s {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        "comma" => Ok(b','),
        "semicolon" => Ok(b';'),
        s if s.len() == 1 && s.is_ascii() => Ok(s.as_bytes()[0]),
        _ => Err(Error::UnknownOption {
            argument: "sep",
            given: s.into(),
            expected: "',', ';', tab or one ASCII character",
        }),
    }
}

/// Whether a path names a spreadsheet (by its extension).
pub fn is_spreadsheet(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    matches!(ext.as_deref(), Some("xlsx" | "xlsm" | "xlsb" | "xls" | "ods"))
}

fn io_err(source: &str, reason: impl Into<String>) -> Error {
    Error::Io { file: source.into(), reason: reason.into() }
}

/// The first name a header gives to two columns, with the 1-based positions of both; empty
/// names (the unnamed columns spreadsheets leave) are not counted. Names are compared as they
/// are, or ignoring case with `fold_case`.
pub(crate) fn repeated_name(header: &[String], fold_case: bool) -> Option<(&str, usize, usize)> {
    let key = |h: &str| if fold_case { h.trim().to_lowercase() } else { h.trim().to_string() };
    let mut seen = std::collections::HashMap::new();
    for (j, h) in header.iter().enumerate() {
        if h.trim().is_empty() {
            continue;
        }
        if let Some(&i) = seen.get(&key(h)) {
            return Some((h.trim(), i + 1, j + 1));
        }
        seen.insert(key(h), j);
    }
    None
}

/// An error when the header names a column twice (see [`repeated_name`]): which of the two a
/// chart would read cannot be known.
pub(crate) fn check_header(header: &[String], source: &str, fold_case: bool) -> Result<()> {
    match repeated_name(header, fold_case) {
        Some((name, i, j)) => Err(io_err(
            source,
            format!("column '{name}': the header names two columns so (columns {i} and {j}); rename one of them"),
        )),
        None => Ok(()),
    }
}

/// Decodes bytes: UTF-8 if valid (or asked for), else Latin-1.
fn decode(bytes: Vec<u8>, source: &str, enc: Option<Encoding>) -> Result<String> {
    match enc {
        Some(Encoding::Latin1) => Ok(bytes.iter().map(|&b| char::from(b)).collect()),
        Some(Encoding::Utf8) => String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..at].split(|&b| b == b'\n').count();
            io_err(source, format!("row {line}: the text is not valid UTF-8 (try --encoding latin1)"))
        }),
        None => Ok(match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => e.into_bytes().iter().map(|&b| char::from(b)).collect(),
        }),
    }
}

/// Counts `sep` in `line` outside double quotes.
fn count_outside_quotes(line: &str, sep: u8) -> usize {
    let mut quoted = false;
    line.bytes()
        .filter(|&b| {
            if b == b'"' {
                quoted = !quoted;
            }
            !quoted && b == sep
        })
        .count()
}

impl Table {
    /// Reads a CSV table with the given options; `source` names it in messages. Bytes that are
    /// a spreadsheet (zip or OLE container) are read as one.
    pub fn read_csv(mut reader: impl std::io::Read, source: &str, opts: &ReadOptions) -> Result<Table> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).map_err(|e| io_err(source, e.to_string()))?;
        if super::sheet::is_workbook(&bytes) {
            // A spreadsheet without its extension (standard input, a misnamed file).
            let sheet = super::sheet::read_sheet(super::sheet::Workbook::Bytes(&bytes), source, opts.sheet.as_deref())?;
            return Ok(sheet.into_table(opts.decimal_comma.unwrap_or(false)));
        }
        let text = decode(bytes, source, opts.encoding)?;
        let mut warnings = Vec::new();
        if text.contains('\u{fffd}') {
            warnings.push(format!(
                "{source}: the text contains U+FFFD replacement characters (letters such as æ, ø, å were lost before the file was saved)"
            ));
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let lines: Vec<&str> = text.lines().collect();
        let first = lines
            .iter()
            .position(|l| !l.trim().is_empty())
            .ok_or_else(|| io_err(source, "the file is empty: expected a header line and data rows"))?;
        // SSB StatBank downloads start with a title line and a blank line before the header.
        let mut start = first;
        if lines.get(first + 1).is_some_and(|l| l.trim().is_empty())
            && lines[first + 2..].iter().any(|l| !l.trim().is_empty())
        {
            start = first + 2 + lines[first + 2..].iter().position(|l| !l.trim().is_empty()).unwrap_or(0);
        }
        let header_line = lines[start];
        let sep = opts.sep.unwrap_or_else(|| {
            [b'\t', b';', b',']
                .into_iter()
                .max_by_key(|&c| count_outside_quotes(header_line, c))
                .filter(|&c| count_outside_quotes(header_line, c) > 0)
                .unwrap_or(b',')
        });
        let body: String = lines[start..].join("\n");
        let mut rdr = csv::ReaderBuilder::new().delimiter(sep).flexible(false).from_reader(body.as_bytes());
        let header: Vec<String> =
            rdr.headers().map_err(|e| io_err(source, e.to_string()))?.iter().map(|h| h.trim().to_string()).collect();
        check_header(&header, source, false)?;
        // The row of a record as a spreadsheet shows it: the file line where it starts. `body`
        // starts at line `start + 1`; the CSV reader skips blank lines without counting them,
        // so the line is counted from the record's byte offset (which is where the reader
        // started, before the blank lines it skipped).
        let (mut scanned, mut newlines) = (0usize, 0usize);
        let mut row_at = |pos: Option<&csv::Position>, i: usize| match pos {
            Some(p) => {
                let mut b = (p.byte() as usize).min(body.len());
                while body.as_bytes().get(b) == Some(&b'\n') {
                    b += 1;
                }
                if b > scanned {
                    newlines += body.get(scanned..b).map_or(0, |t| t.matches('\n').count());
                    scanned = b;
                }
                start + newlines + 1
            }
            None => start + i + 2,
        };
        let (mut rows, mut row_numbers) = (Vec::new(), Vec::new());
        for (i, rec) in rdr.records().enumerate() {
            let row = row_at(
                match &rec {
                    Ok(r) => r.position(),
                    Err(e) => e.position(),
                },
                i,
            );
            let rec = rec.map_err(|e| {
                let reason = match e.kind() {
                    csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
                        let at = Location { row: Some(row), ..Location::default() };
                        format!("{at}{len} field(s) where the header has {expected_len}")
                    }
                    _ => e.to_string(),
                };
                io_err(source, reason)
            })?;
            row_numbers.push(row);
            rows.push(rec.iter().map(str::to_string).collect::<Vec<String>>());
        }
        // Excel leaves rows of empty fields (";;;") at the end of a sheet saved as CSV. Only
        // trailing ones go, so the line numbers of messages stay right.
        while rows.last().is_some_and(|r| r.iter().all(|c| c.trim().is_empty())) {
            rows.pop();
            row_numbers.pop();
        }
        let decimal_comma = opts.decimal_comma.unwrap_or(sep != b',');
        Ok(Table { source: source.into(), header, rows, decimal_comma, warnings, first_line: start + 2, row_numbers })
    }

    /// Reads a CSV file or, by its extension, a spreadsheet (`.xlsx`, `.xls`, `.ods`).
    pub fn read_path(path: &Path, opts: &ReadOptions) -> Result<Table> {
        let source = path.display().to_string();
        if is_spreadsheet(path) {
            return read_spreadsheet(path, &source, opts);
        }
        if opts.sheet.is_some() {
            return Err(Error::InvalidArgument {
                argument: "sheet",
                reason: format!("{source} is not a spreadsheet (.xlsx, .xls, .ods)"),
            });
        }
        let f = std::fs::File::open(path).map_err(|e| io_err(&source, e.to_string()))?;
        Table::read_csv(std::io::BufReader::new(f), &source, opts)
    }
}

fn read_spreadsheet(path: &Path, source: &str, opts: &ReadOptions) -> Result<Table> {
    let sheet = super::sheet::read_sheet(super::sheet::Workbook::Path(path), source, opts.sheet.as_deref())?;
    check_header(&sheet.header, &sheet.source, false)?;
    Ok(sheet.into_table(opts.decimal_comma.unwrap_or(false)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ssb_title_lines_are_skipped_and_separator_found_outside_quotes() {
        let t = Table::read_csv(
            "\"07459: Population, by region, age\"\n\n\"region\";\"year\";\"value\"\n\"K-3001 Halden\";\"2021\";253\n"
                .as_bytes(),
            "s.csv",
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(t.header, ["region", "year", "value"]);
        assert_eq!(t.rows, [["K-3001 Halden", "2021", "253"]]);
    }

    #[test]
    fn trailing_empty_rows_go_and_line_numbers_stay_right() {
        let text = "\"Title\"\n\nx;y\n1;2\n;\n3;abc\n;\n;\n";
        let t = Table::read_csv(text.as_bytes(), "e.csv", &ReadOptions::default()).unwrap();
        assert_eq!(t.rows.len(), 3);
        let e = t.numbers("y").unwrap_err().to_string();
        assert_eq!(e, "e.csv: row 6, column 'y': 'abc' is not a number");
    }

    #[test]
    fn overrides_win() {
        let opts = ReadOptions { sep: Some(b'|'), decimal_comma: Some(true), ..ReadOptions::default() };
        let t = Table::read_csv("a|b\n1|2,5\n".as_bytes(), "p.csv", &opts).unwrap();
        assert_eq!(t.numbers("b").unwrap(), [2.5]);
        let e = Table::read_csv(
            &b"a\n\xe5\n"[..],
            "l.csv",
            &ReadOptions { encoding: Some(Encoding::Utf8), ..ReadOptions::default() },
        );
        assert_eq!(e.unwrap_err().to_string(), "l.csv: row 2: the text is not valid UTF-8 (try --encoding latin1)");
    }
}
