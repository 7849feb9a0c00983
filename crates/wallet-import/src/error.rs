//! Why a file could not be read, said so that a person can act on it: which line, what is wrong with it.

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Error {
    #[error("the file is empty")]
    Empty,
    #[error(
        "this is not a statement Purse can read (Alipay, WeChat Pay, JD Pay, Meituan, ICBC, CMB, Bank of China, OFX/QFX, CAMT.053, MT940 or QIF)"
    )]
    UnknownFormat,
    #[error("the file's text encoding could not be recognised")]
    Encoding,
    #[error("line {line}: {problem}")]
    Malformed { line: usize, problem: String },
    #[error("the file ends early: {problem}")]
    Truncated { problem: String },
    #[error("{0}")]
    Options(String),
}

impl Error {
    pub fn at(line: usize, problem: impl Into<String>) -> Error {
        Error::Malformed {
            line,
            problem: problem.into(),
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;
