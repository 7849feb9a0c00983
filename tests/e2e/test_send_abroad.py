"""Sending money abroad the way a new user would, on the demo bank: the Send abroad tab tells a mistyped IBAN
as it is typed, the bank's quote shows the rate, the fee, what leaves the account, what the recipient gets
and how long the quote holds; paid with the PIN and an authenticator code (a person abroad is a new payee in
another country, so the risk checks ask for one), it shows in the payments list.

Runs after test_payments.py (the PIN is set) and before test_wallet_security.py, which sets up a second
factor of its own: this test sets one up as the risk notice sends the user to, and removes it at the end."""

from conftest import screenshot
from helpers import STEP_TIMEOUT, by_testid, click, visible, wait_for
from test_wallet_security import PIN, totp, type_into


def enter_pin(driver) -> None:
    for digit in PIN:
        click(driver, f"pin-key-{digit}")


def set_up_second_factor(driver) -> str:
    click(driver, "nav-security")
    click(driver, "second-factor-start")
    type_into(driver, "second-factor-start-pin", PIN)
    click(driver, "second-factor-begin")
    key = wait_for(driver, lambda d: visible(d, "second-factor-key"), STEP_TIMEOUT, "the key").text.strip()
    type_into(driver, "second-factor-first-code", totp(key))
    type_into(driver, "second-factor-pin", PIN)
    click(driver, "second-factor-confirm")
    wait_for(driver, lambda d: visible(d, "recovery-codes"), STEP_TIMEOUT, "the recovery codes")
    click(driver, "recovery-codes-done")
    return key


def remove_second_factor(driver, key: str) -> None:
    click(driver, "nav-security")
    click(driver, "second-factor-remove")
    type_into(driver, "second-factor-remove-pin", PIN)
    type_into(driver, "second-factor-remove-code", totp(key))
    click(driver, "second-factor-remove-confirm")
    wait_for(
        driver,
        lambda d: (panel := visible(d, "second-factor")) and panel.get_attribute("data-enrolled") == "false",
        STEP_TIMEOUT,
        "the second factor removed",
    )


def test_sending_euros_abroad_shows_the_quote_and_pays_it_with_the_pin(driver):
    key = set_up_second_factor(driver)

    click(driver, "nav-pay")
    click(driver, "pay-tab-abroad")
    wait_for(driver, lambda d: visible(d, "abroad-form"), STEP_TIMEOUT, "the send abroad form")
    type_into(driver, "abroad-name", "Anna Schmidt")
    type_into(driver, "abroad-country", "DE")
    # One digit wrong: the check digits catch it while the user types.
    type_into(driver, "abroad-account", "DE88 3704 0044 0532 0130 00")
    error = wait_for(driver, lambda d: visible(d, "abroad-account-error"), STEP_TIMEOUT, "the IBAN's message")
    assert "check digits" in error.text, error.text
    screenshot("abroad-iban-mistyped")
    type_into(driver, "abroad-account", "DE89 3704 0044 0532 0130 00")
    wait_for(driver, lambda d: visible(d, "abroad-account-ok"), STEP_TIMEOUT, "the IBAN accepted")
    type_into(driver, "abroad-bic", "COBADEFFXXX")
    type_into(driver, "abroad-amount", "100")
    type_into(driver, "abroad-note", "Birthday present")
    click(driver, "abroad-quote")

    card = wait_for(driver, lambda d: visible(d, "quote-card"), STEP_TIMEOUT, "the bank's quote")
    rate = visible(driver, "quote-rate").text
    assert rate.startswith("1 EUR = ") and rate.endswith(" CNY"), rate
    assert "50.00" in visible(driver, "quote-fee").text
    assert "Valid for" in visible(driver, "quote-countdown").text
    debited = visible(driver, "quote-debited").text
    assert "Anna Schmidt" in card.text, card.text
    screenshot("abroad-quote")

    click(driver, "quote-pay")
    wait_for(driver, lambda d: visible(d, "abroad-sheet"), STEP_TIMEOUT, "the confirmation sheet")
    type_into(driver, "second-factor-code", totp(key))
    enter_pin(driver)
    status = wait_for(
        driver,
        lambda d: (s := visible(d, "payment-status")) and s.get_attribute("data-status") in ("sent", "completed") and s,
        STEP_TIMEOUT,
        "the payment to be sent",
    )
    screenshot("abroad-sent")
    assert debited.lstrip("¥") in status.text, (debited, status.text)
    click(driver, "payment-done")
    wait_for(
        driver,
        lambda d: any("Anna Schmidt" in r.get_attribute("textContent") for r in d.find_elements(*by_testid("payment-row"))),
        STEP_TIMEOUT,
        "the payment in the payments list",
    )
    screenshot("abroad-in-payments")

    remove_second_factor(driver, key)
