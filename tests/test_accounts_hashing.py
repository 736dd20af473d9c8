"""How secrets are hashed: teachers' passwords at werkzeug's full scrypt cost, students' PINs at a
lighter scrypt cost (the rate limit protects a PIN, not the hash); old PIN hashes still check."""

from __future__ import annotations

from werkzeug.security import generate_password_hash

from webapp.services import accounts


def test_passwords_use_full_scrypt_and_pins_a_lighter_scrypt(monkeypatch):
    monkeypatch.undo()  # the suite's cheap methods, swapped in for every test, are taken back here
    assert accounts.HASH_METHOD == "scrypt"
    assert accounts.PIN_HASH_METHOD == "scrypt:4096:8:1"
    assert accounts.hash_secret("correct horse battery").startswith("scrypt:32768:8:1$")
    assert accounts.hash_pin("2468").startswith("scrypt:4096:8:1$")


def test_a_pin_hashed_before_the_change_still_checks():
    old = generate_password_hash("2468", method="scrypt")
    assert accounts.check_secret(old, "2468") and not accounts.check_secret(old, "2469")
    new = accounts.hash_pin("2468")
    assert accounts.check_secret(new, "2468") and not accounts.check_secret(new, "8642")
