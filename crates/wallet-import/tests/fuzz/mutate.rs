//! How a fixture is damaged: the mutations a fuzz case applies to a seed, as proptest values (so a failing
//! case shrinks to the fewest, smallest mutations), and applying them to the bytes.

use proptest::prelude::*;
use proptest::sample::Index;

/// How big the damage may get: the quick run keeps cases small enough for a debug build, the campaign
/// goes up to inputs of a few hundred kilobytes.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The longest cell written (characters).
    pub long: usize,
    /// The deepest nesting of tags inserted.
    pub depth: usize,
    /// The most copies of a line or a byte range.
    pub copies: usize,
    /// The longest byte range repeated.
    pub range: usize,
    /// The largest input a case makes: a mutation that would grow it past this is left out (a case is
    /// about a file's shape, not its size; the import benchmark measures size).
    pub input: usize,
}

pub const QUICK: Limits = Limits {
    long: 4_000,
    depth: 400,
    copies: 12,
    range: 512,
    input: 64 << 10,
};

pub const CAMPAIGN: Limits = Limits {
    long: 200_000,
    depth: 20_000,
    copies: 400,
    range: 2048,
    input: 512 << 10,
};

/// Cells a bad or hostile file might hold.
pub const JUNK: &[&str] = &[
    "",
    " ",
    "99999999999999999999999999.999",
    "-99999999999999999999999999.999",
    "79228162514264337593543950335",
    "-79228162514264337593543950335",
    "79228162514264337593543950335,00",
    "0.0000000000000000000000000001",
    "1e308",
    "-1e308",
    "NaN",
    "inf",
    "0x1F",
    "--1",
    "1,2,3",
    "1.2.3,4",
    "¥",
    "/",
    "-",
    "2024-02-30",
    "2024-13-01 25:61:61",
    "99999999",
    "00000000",
    "9999-12-31T23:59:59",
    "262143-12-31",
    "20241331120000.000[-99:XXX]",
    "991231",
    "C991231XYZ9999999999999999999999999999,99",
    "D",
    "2/30'99",
    "\u{feff}",
    "\0",
    "\0\0\0\0",
    "\"",
    "\"unclosed, quote",
    "\r",
    "\r\n\r\n",
    "交易💥\u{202e}رقم",
    "\u{fffd}\u{fffd}",
    "<",
    ">",
    "</",
    "<!--",
    "<![CDATA[",
    "&amp",
    "&#xFFFFFFFF;",
    "?20",
    "/NAME/",
    "{4:",
    "-}",
    "^",
    "!Type:Bank",
    ":61:",
    ":20:",
    "XFD1048576",
    "A1048576",
    "XFD1",
    "#",
    "合计",
    "------",
];

/// Tags whose nesting the XML and SGML readers must survive.
const NEST: &[&str] = &[
    "Stmt",
    "Ntry",
    "TxDtls",
    "Amt",
    "a",
    "STMTTRN",
    "OFX",
    "BANKTRANLIST",
    "row",
    "c",
    "is",
];

/// A cell written into the file.
#[derive(Debug, Clone)]
pub enum Junk {
    Fixed(&'static str),
    /// One character many times: a very long cell.
    Long(char, usize),
    /// A row of many empty columns.
    Columns(usize),
    Text(String),
    Bytes(Vec<u8>),
}

impl Junk {
    fn bytes(&self) -> Vec<u8> {
        match self {
            Junk::Fixed(text) => text.as_bytes().to_vec(),
            Junk::Long(c, n) => c.to_string().repeat(*n).into_bytes(),
            Junk::Columns(n) => ",".repeat(*n).into_bytes(),
            Junk::Text(text) => text.as_bytes().to_vec(),
            Junk::Bytes(bytes) => bytes.clone(),
        }
    }
}

/// What replaces the whole file.
#[derive(Debug, Clone)]
pub enum Whole {
    LoneBom,
    Binary(Vec<u8>),
    /// A PNG signature and chunk header, then bytes.
    Png(Vec<u8>),
    /// A ZIP local header, then bytes: a ZIP that is no XLSX.
    Zip(Vec<u8>),
    /// UTF-16 (with its byte-order mark) of the text so far.
    Utf16,
    /// The text so far in GB18030, as Chinese exports are written.
    Gbk,
}

#[derive(Debug, Clone)]
pub enum Mutation {
    Truncate(Index),
    FlipBit(Index, u8),
    InsertByte(Index, u8),
    Delete(Index, usize),
    DuplicateLine(Index, usize),
    DropLine(Index),
    SwapLines(Index, Index),
    /// A line of another fixture (any format's) put in before a line of this one.
    SpliceLine(Index, Index),
    /// A cell (the text between separators: `,` tab `"` `<` `>` and line ends) replaced, keeping its first
    /// `keep` bytes (a QIF code letter, say).
    ReplaceCell(Index, Junk, usize),
    Insert(Index, Junk),
    /// `depth` opening tags (and their ends when `close`) put in at a point.
    Nest(Index, &'static str, usize, bool),
    /// A tag that never ends.
    Unclosed(Index, &'static str),
    /// A byte range repeated.
    Repeat(Index, usize, usize),
    LineEnds(bool),
    Whole(Whole),
}

fn junk(limits: Limits) -> impl Strategy<Value = Junk> {
    prop_oneof![
        6 => proptest::sample::select(JUNK).prop_map(Junk::Fixed),
        1 => (
            proptest::sample::select(&['9', 'A', '交', ',', '<', '\0', '"', '-', ' '][..]),
            1..=limits.long,
        )
            .prop_map(|(c, n)| Junk::Long(c, n)),
        1 => (1..=limits.long / 4).prop_map(Junk::Columns),
        2 => "\\PC{0,24}".prop_map(Junk::Text),
        1 => proptest::collection::vec(any::<u8>(), 0..32).prop_map(Junk::Bytes),
    ]
}

fn whole() -> impl Strategy<Value = Whole> {
    let bytes = || proptest::collection::vec(any::<u8>(), 0..2048);
    prop_oneof![
        Just(Whole::LoneBom),
        bytes().prop_map(Whole::Binary),
        bytes().prop_map(Whole::Png),
        bytes().prop_map(Whole::Zip),
        Just(Whole::Utf16),
        Just(Whole::Gbk),
    ]
}

pub fn mutation(limits: Limits) -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => any::<Index>().prop_map(Mutation::Truncate),
        4 => (any::<Index>(), 0u8..8).prop_map(|(at, bit)| Mutation::FlipBit(at, bit)),
        3 => (any::<Index>(), any::<u8>()).prop_map(|(at, b)| Mutation::InsertByte(at, b)),
        3 => (any::<Index>(), 1usize..64).prop_map(|(at, n)| Mutation::Delete(at, n)),
        3 => (any::<Index>(), 1..=limits.copies).prop_map(|(at, n)| Mutation::DuplicateLine(at, n)),
        3 => any::<Index>().prop_map(Mutation::DropLine),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        3 => (any::<Index>(), any::<Index>()).prop_map(|(from, at)| Mutation::SpliceLine(from, at)),
        8 => (any::<Index>(), junk(limits), 0usize..3)
            .prop_map(|(at, junk, keep)| Mutation::ReplaceCell(at, junk, keep)),
        3 => (any::<Index>(), junk(limits)).prop_map(|(at, junk)| Mutation::Insert(at, junk)),
        2 => (any::<Index>(), proptest::sample::select(NEST), 1..=limits.depth, any::<bool>())
            .prop_map(|(at, tag, depth, close)| Mutation::Nest(at, tag, depth, close)),
        2 => (any::<Index>(), proptest::sample::select(NEST))
            .prop_map(|(at, tag)| Mutation::Unclosed(at, tag)),
        2 => (any::<Index>(), 1..=limits.range, 1..=limits.copies)
            .prop_map(|(at, len, n)| Mutation::Repeat(at, len, n)),
        1 => any::<bool>().prop_map(Mutation::LineEnds),
        1 => whole().prop_map(Mutation::Whole),
    ]
}

/// `index` as a position in `0..=len`.
fn point(index: &Index, len: usize) -> usize {
    index.index(len + 1)
}

/// The byte ranges of the lines of `bytes`, each with its `\n`.
fn lines(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, b) in bytes.iter().enumerate() {
        if *b == b'\n' {
            out.push((start, at + 1));
            start = at + 1;
        }
    }
    if start < bytes.len() {
        out.push((start, bytes.len()));
    }
    out
}

fn is_separator(b: u8) -> bool {
    matches!(b, b',' | b'\t' | b'"' | b'<' | b'>' | b'\n')
}

/// The byte range of the cell `index` picks: text between two separators.
fn cell(bytes: &[u8], index: &Index) -> (usize, usize) {
    let separators: Vec<usize> = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| is_separator(**b))
        .map(|(at, _)| at)
        .collect();
    let k = index.index(separators.len() + 1);
    let start = if k == 0 { 0 } else { separators[k - 1] + 1 };
    let end = separators.get(k).copied().unwrap_or(bytes.len());
    (start, end)
}

/// Applies `mutation` to `bytes`; `pool` is every fixture's lines, for splicing.
pub fn apply(bytes: &mut Vec<u8>, mutation: &Mutation, pool: &[Vec<u8>]) {
    let len = bytes.len();
    match mutation {
        Mutation::Truncate(at) => bytes.truncate(point(at, len)),
        Mutation::FlipBit(at, bit) => {
            if len > 0 {
                bytes[at.index(len)] ^= 1 << bit;
            }
        }
        Mutation::InsertByte(at, b) => bytes.insert(point(at, len), *b),
        Mutation::Delete(at, n) => {
            let from = point(at, len);
            bytes.drain(from..(from + n).min(len));
        }
        Mutation::DuplicateLine(at, n) => {
            let lines = lines(bytes);
            if !lines.is_empty() {
                let (start, end) = lines[at.index(lines.len())];
                let mut line = bytes[start..end].to_vec();
                if line.last() != Some(&b'\n') {
                    line.insert(0, b'\n');
                }
                let copies = line.repeat(*n);
                bytes.splice(end..end, copies);
            }
        }
        Mutation::DropLine(at) => {
            let lines = lines(bytes);
            if !lines.is_empty() {
                let (start, end) = lines[at.index(lines.len())];
                bytes.drain(start..end);
            }
        }
        Mutation::SwapLines(a, b) => {
            let lines = lines(bytes);
            if lines.len() > 1 {
                let (mut x, mut y) = (lines[a.index(lines.len())], lines[b.index(lines.len())]);
                if x.0 > y.0 {
                    std::mem::swap(&mut x, &mut y);
                }
                if x.1 <= y.0 {
                    let mut out = bytes[..x.0].to_vec();
                    out.extend(&bytes[y.0..y.1]);
                    out.extend(&bytes[x.1..y.0]);
                    out.extend(&bytes[x.0..x.1]);
                    out.extend(&bytes[y.1..]);
                    *bytes = out;
                }
            }
        }
        Mutation::SpliceLine(from, at) => {
            if !pool.is_empty() {
                let line = &pool[from.index(pool.len())];
                let lines = lines(bytes);
                let start = if lines.is_empty() {
                    0
                } else {
                    lines[at.index(lines.len())].0
                };
                let mut spliced = line.clone();
                spliced.push(b'\n');
                bytes.splice(start..start, spliced);
            }
        }
        Mutation::ReplaceCell(at, junk, keep) => {
            let (start, end) = cell(bytes, at);
            let start = (start + keep).min(end);
            bytes.splice(start..end, junk.bytes());
        }
        Mutation::Insert(at, junk) => {
            let at = point(at, len);
            bytes.splice(at..at, junk.bytes());
        }
        Mutation::Nest(at, tag, depth, close) => {
            let at = point(at, len);
            let mut nest = format!("<{tag}>x").repeat(*depth);
            if *close {
                nest.push_str(&format!("</{tag}>").repeat(*depth));
            }
            bytes.splice(at..at, nest.into_bytes());
        }
        Mutation::Unclosed(at, tag) => {
            let at = point(at, len);
            bytes.splice(at..at, format!("<{tag} a=\"").into_bytes());
        }
        Mutation::Repeat(at, n, copies) => {
            let start = point(at, len);
            let end = (start + n).min(len);
            let copies = bytes[start..end].repeat(*copies);
            bytes.splice(end..end, copies);
        }
        Mutation::LineEnds(lone_cr) => {
            let end: &[u8] = if *lone_cr { b"\r" } else { b"\r\n" };
            let mut out = Vec::with_capacity(len + len / 16);
            for b in bytes.iter() {
                if *b == b'\n' {
                    out.extend(end);
                } else {
                    out.push(*b);
                }
            }
            *bytes = out;
        }
        Mutation::Whole(whole) => match whole {
            Whole::LoneBom => *bytes = b"\xEF\xBB\xBF".to_vec(),
            Whole::Binary(junk) => bytes.clone_from(junk),
            Whole::Png(junk) => {
                *bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
                bytes.extend(junk);
            }
            Whole::Zip(junk) => {
                *bytes = b"PK\x03\x04".to_vec();
                bytes.extend(junk);
            }
            Whole::Utf16 => {
                let text = String::from_utf8_lossy(bytes).into_owned();
                *bytes = vec![0xFF, 0xFE];
                for unit in text.encode_utf16() {
                    bytes.extend(unit.to_le_bytes());
                }
            }
            Whole::Gbk => {
                let text = String::from_utf8_lossy(bytes).into_owned();
                let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
                *bytes = gbk.into_owned();
            }
        },
    }
}
