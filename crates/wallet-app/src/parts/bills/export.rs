//! Bills out as CSV: UTF-8 with a byte-order mark, so Excel opens the Chinese correctly, one row per line
//! with the same filters as the bills screen, amounts exact as text.

use crate::commands::commands;
use std::path::{Path, PathBuf};

use crate::dto::{ExportResult, TransactionDto, TransactionQuery};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::parts::Bills;

const BOM: &[u8] = b"\xEF\xBB\xBF";
pub const HEADER: [&str; 10] = [
    "日期 Date",
    "账户 Account",
    "状态 Status",
    "金额 Amount",
    "币种 Currency",
    "原币金额 Original amount",
    "商户/对方 Payee",
    "类别 Category",
    "说明 Description",
    "编号 Id",
];

fn row(line: &TransactionDto) -> [String; 10] {
    [
        line.booked_at.clone(),
        line.account_name.clone(),
        format!("{:?}", line.status).to_lowercase(),
        line.amount.amount.clone(),
        line.amount.currency.clone(),
        line.original_amount
            .as_ref()
            .map(|m| format!("{} {}", m.amount, m.currency))
            .unwrap_or_default(),
        line.merchant
            .clone()
            .or_else(|| line.counterparty.clone())
            .unwrap_or_default(),
        format!("{} {}", line.category.zh_cn, line.category.en),
        line.description.clone(),
        line.id.clone(),
    ]
}

fn failed(path: &Path, error: impl std::fmt::Display) -> ApiError {
    ApiError::new(
        ErrorCode::Storage,
        format!(
            "The export could not be written to {}: {error}",
            path.display()
        ),
    )
}

/// Where an export goes when the user did not say: their Downloads folder, else the wallet's folder.
fn default_folder(data_dir: &Path) -> PathBuf {
    directories::UserDirs::new()
        .and_then(|dirs| dirs.download_dir().map(Path::to_path_buf))
        .filter(|dir| dir.is_dir())
        .unwrap_or_else(|| data_dir.join("exports"))
}

/// Where an export is written before it is complete.
fn partial_of(target: &Path) -> PathBuf {
    target.with_extension("csv.partial")
}

/// Deletes an export the wallet wrote (and its half-written file, if a crash left one); one already gone
/// (deleted or moved by the person) is fine.
pub(crate) fn remove_export(target: &Path) -> ApiResult<()> {
    for file in [target.to_path_buf(), partial_of(target)] {
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => {
                return Err(ApiError::new(
                    ErrorCode::Storage,
                    format!(
                        "The export {} could not be deleted: {error}. The bank's access was withdrawn, but nothing \
                         was deleted yet: make the file deletable (or delete it) and close the account again.",
                        file.display()
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// An export's month, checked before it goes near a file name: exactly YYYY-MM (a real month), so
/// `../`, slashes or anything else never reach a path.
fn file_month(month: &str) -> ApiResult<&str> {
    let month = month.trim();
    let digits = |part: std::ops::Range<usize>| {
        month
            .get(part)
            .is_some_and(|text| text.bytes().all(|b| b.is_ascii_digit()))
    };
    let shaped = month.len() == 7 && digits(0..4) && month.as_bytes()[4] == b'-' && digits(5..7);
    if shaped && super::statements::Month::parse(month).is_ok() {
        Ok(month)
    } else {
        Err(ApiError::invalid(format!(
            "{month:?} is not a month; use YYYY-MM, e.g. 2026-10. Nothing was exported."
        )))
    }
}

#[commands]
impl Bills {
    /// Every bill the query selects (its cursor and limit are ignored), as CSV in a new file in the
    /// Downloads folder (the window has no file dialog).
    pub async fn export_bills_csv(&self, query: TransactionQuery) -> ApiResult<ExportResult> {
        self.export_bills_csv_to(query, None).await
    }
}

impl Bills {
    /// Writes every line that `query` selects (its cursor and limit are ignored) to `path`, or to a new
    /// file in the Downloads folder. The file appears complete or not at all, and the wallet remembers
    /// where it wrote it, so closing the account deletes it.
    pub async fn export_bills_csv_to(
        &self,
        query: TransactionQuery,
        path: Option<String>,
    ) -> ApiResult<ExportResult> {
        let month = match query.month.as_deref().filter(|m| !m.trim().is_empty()) {
            Some(month) => Some(file_month(month)?),
            None => None,
        };
        let target = match path.map(|p| p.trim().to_string()).filter(|p| !p.is_empty()) {
            Some(path) => PathBuf::from(path),
            None => {
                let folder = default_folder(self.cx.data_dir());
                let name = match month {
                    Some(month) => format!("purse-bills-{month}.csv"),
                    None => format!(
                        "purse-bills-{}.csv",
                        self.cx.clock.now().format("%Y%m%d-%H%M%S")
                    ),
                };
                folder.join(name)
            }
        };
        if let Some(folder) = target.parent().filter(|f| !f.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|e| failed(folder, e))?;
        }
        let target = std::path::absolute(&target).map_err(|e| failed(&target, e))?;
        // Remembered before a byte is written: a crash mid-export still leaves a file closure finds.
        self.cx
            .store
            .remember_written_file(&target.display().to_string(), self.cx.clock.now())
            .await?;
        // Written beside the target and renamed at the end: a failed export leaves no half file.
        let partial = partial_of(&target);
        let mut file = std::fs::File::create(&partial).map_err(|e| failed(&partial, e))?;
        std::io::Write::write_all(&mut file, BOM).map_err(|e| failed(&partial, e))?;
        let mut writer = csv::Writer::from_writer(file);
        let mut lines = 0u32;
        let written: ApiResult<()> = async {
            writer
                .write_record(HEADER)
                .map_err(|e| failed(&partial, e))?;
            let mut cursor = None;
            loop {
                let page = self
                    .page_transactions(TransactionQuery {
                        cursor: cursor.take(),
                        limit: Some(200),
                        ..query.clone()
                    })
                    .await?;
                for line in &page.items {
                    writer
                        .write_record(row(line))
                        .map_err(|e| failed(&partial, e))?;
                    lines += 1;
                }
                match page.next_cursor {
                    Some(next) => cursor = Some(next),
                    None => break,
                }
            }
            writer.flush().map_err(|e| failed(&partial, e))?;
            Ok(())
        }
        .await;
        if let Err(error) = written {
            let _ = std::fs::remove_file(&partial);
            return Err(error);
        }
        drop(writer);
        std::fs::rename(&partial, &target).map_err(|e| failed(&target, e))?;
        Ok(ExportResult {
            path: target.display().to_string(),
            lines,
        })
    }
}
