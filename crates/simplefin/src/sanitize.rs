//! Text from a SimpleFIN server (its error messages, account and transaction names) is untrusted: it is
//! kept as plain text, with control and bidirectional-override characters removed and its length capped,
//! so it can be shown to a person safely. It is never HTML; escaping for display is the UI's job.

/// The most characters kept of a server's error message.
pub const MAX_MESSAGE_CHARS: usize = 500;
/// The most characters kept of a name, description or payee.
pub const MAX_NAME_CHARS: usize = 1000;

/// `text` with control characters dropped (line breaks and tabs become one space), bidirectional
/// overrides dropped, surrounding whitespace trimmed, and at most `max_chars` characters (a cut is
/// marked with `…`).
pub fn sanitize_text(text: &str, max_chars: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max_chars * 4));
    let mut count = 0;
    let mut cut = false;
    for c in text.chars() {
        let c = match c {
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control() || is_bidi_control(c) => continue,
            c => c,
        };
        if count == max_chars {
            cut = true;
            break;
        }
        out.push(c);
        count += 1;
    }
    let mut out = out.trim().to_string();
    if cut {
        out.pop();
        out.push('…');
    }
    out
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_go_and_html_stays_as_plain_text() {
        assert_eq!(
            sanitize_text("  <b>Café</b>\u{7}\nnext\u{202E}line\t", 100),
            "<b>Café</b> nextline"
        );
        assert_eq!(sanitize_text("银行 — 東京", 100), "银行 — 東京");
    }

    #[test]
    fn long_text_is_cut_and_marked() {
        let long = "é".repeat(50);
        let cut = sanitize_text(&long, 10);
        assert_eq!(cut.chars().count(), 10);
        assert!(cut.ends_with('…'));
        assert_eq!(sanitize_text("exactly10!", 10), "exactly10!");
    }
}
