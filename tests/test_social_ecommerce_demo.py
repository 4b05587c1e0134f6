"""The social, Şikayetvar and e-commerce demos, run exactly as their readmes show them (scripts/demo/...),
against the live server of the suite's demo database: the tracking platform's complaint becomes a ticket
and gets the agent's public reply, the complaint site is polled and gets the answer, the customer's rating
resolves the complaint, the shop's order question is answered by webhook and its status change pushed."""

import subprocess
import sys

import pytest

from .screens_tr import installed


def _run(server, script):
    proc = subprocess.run(
        [sys.executable, f"scripts/demo/{script}", "--url", server["url"], "--db", server["db"]],
        cwd=server["root"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    return proc.stdout


def test_social_demo_round_trips(server):
    if not installed(server["url"], server["db"], "cxm_social"):
        pytest.skip("cxm_social is not installed in this database")
    out = _run(server, "social_roundtrip.py")
    assert "pushed tw-" in out and ": 202 " in out, out
    assert "the platform received the public reply" in out and "'public': True" in out, out
    assert "public state open" in out and "first answer due" in out, out
    assert "the site received the answer" in out, out
    assert "after the customer's rating: resolved, 5 stars" in out, out


def test_ecommerce_demo_round_trip(server):
    if not installed(server["url"], server["db"], "cxm_ecommerce"):
        pytest.skip("cxm_ecommerce is not installed in this database")
    out = _run(server, "ecommerce_roundtrip.py")
    assert ": 202 {" in out and "'status': 'accepted'" in out, out
    assert "the shop received by webhook" in out and "'event': 'ticket.answer'" in out, out
    assert "status event:" in out, out
    assert "latest answer {'text': 'Eksik ürününüz yarın kargoya verilecek.'" in out, out


def test_chatbot_demo_round_trip(server):
    if not installed(server["url"], server["db"], "cxm_chatbot"):
        pytest.skip("cxm_chatbot is not installed in this database")
    out = _run(server, "chatbot_roundtrip.py")
    assert "identify: 200 " in out and "open: 201 " in out, out
    assert "replay: 200 same ticket" in out and "message: 200 " in out, out
    assert "status: 200 " in out and "Adresiniz güncellendi." in out, out
    assert "close: 200 " in out or "close: 409 " in out, out
