//! WeChat Pay bills, CSV and XLSX.
