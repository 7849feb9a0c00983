//! Alipay exports (current 电子客户回单, the 2021 app export, the legacy web export), GBK.
