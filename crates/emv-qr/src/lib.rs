//! EMVCo merchant-presented QR codes (scan to pay, receive): the payload's TLV format with its CRC, and
//! reading or drawing the QR image that carries it.
