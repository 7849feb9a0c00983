//! Bank of China (中国银行) debit card CSV.
