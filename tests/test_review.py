"""`site-gen review`: the doubtful records of an archive, as a table and CSV, and corrections
applied from the CSV into corrections.yaml. The articles are written for the test."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import yaml
from click.testing import CliRunner

from site_gen.cli import main

ARTICLES = {
    "001_a.txt": " date 2024-07-01 Everton are keen on Southampton striker Tomas Brannigan, according to Sky Sports.",
    "002_b.txt": " date 2024-07-08 Southampton are ready to sell Tomas Brannigan this summer.",
    "003_c.txt": " date 2024-07-15 Everton have opened talks over a deal for Tomas Branigan.",
}


def _archive(root: Path) -> Path:
    (root / "seeds").mkdir(parents=True)
    for name, text in ARTICLES.items():
        (root / "seeds" / name).write_text(text, encoding="utf-8")
    return root


def test_review_lists_the_least_sure_fields_with_why(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["review", "--source", str(_archive(tmp_path))])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["confidence", "file", "field"]
    assert any("002_b.txt" in line and "leaving, for no club named" in line for line in lines)
    assert any("003_c.txt" in line and "credited to no outlet" in line for line in lines)
    confidences = [float(line.split()[0]) for line in lines[1:] if line[:1].isdigit()]
    assert confidences == sorted(confidences)


def test_a_correction_in_the_csv_goes_to_corrections_yaml_and_the_next_build(tmp_path: Path) -> None:
    archive = _archive(tmp_path / "archive")
    exported = CliRunner().invoke(main, ["review", "--source", str(archive), "--csv"])
    rows = list(csv.DictReader(io.StringIO(exported.output)))
    assert {"file", "field", "value", "reason", "confidence", "correction"} <= set(rows[0])
    source_row = next(row for row in rows if row["file"] == "003_c.txt" and row["field"] == "source")
    source_row["correction"] = "Liverpool Echo"
    rows.append({"file": "002_b.txt", "field": "moves", "value": "", "reason": "", "confidence": "0.5",
                 "correction": "Tomas Brannigan: Southampton -> Everton (talks)"})
    sheet = tmp_path / "review.csv"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    applied = CliRunner().invoke(main, ["review", "--source", str(archive), "--apply", str(sheet)])
    assert applied.exit_code == 0, applied.output
    fixes = yaml.safe_load((archive / "corrections.yaml").read_text(encoding="utf-8"))
    assert fixes["articles"]["003_c.txt"]["source"] == "Liverpool Echo"
    assert fixes["articles"]["002_b.txt"]["moves"] == [
        {"player": "Tomas Brannigan", "from": "Southampton", "to": "Everton", "stage": "talks"}]
    extracted = CliRunner().invoke(main, ["extract", "--json", "--source", str(archive),
                                          *(str(archive / "seeds" / name) for name in ARTICLES)])
    records = [yaml.safe_load(line) for line in extracted.output.splitlines()]
    assert records[2]["source"] == "Liverpool Echo"
    assert records[1]["moves"] == [{"player": "Tomas Brannigan", "from": "Southampton", "to": "Everton",
                                    "fee": None, "stage": "talks"}]
    assert records[2]["players"] == ["Tomas Brannigan"]  # the one-letter slip joined to the archive's spelling


def test_applying_a_review_keeps_the_editors_comments(tmp_path: Path) -> None:
    archive = _archive(tmp_path / "archive")
    (archive / "corrections.yaml").write_text(
        "# Our fixes: ask Sam before changing these.\n"
        "player_names:\n"
        "  Tom Brannigan: Tomas Brannigan  # he signs as Tomas\n"
        "not_players: []\n", encoding="utf-8")
    sheet = tmp_path / "review.csv"
    sheet.write_text("file,field,value,reason,confidence,correction\n"
                     "003_c.txt,source,,,0.5,Liverpool Echo\n", encoding="utf-8")
    applied = CliRunner().invoke(main, ["review", "--source", str(archive), "--apply", str(sheet)])
    assert applied.exit_code == 0, applied.output
    text = (archive / "corrections.yaml").read_text(encoding="utf-8")
    assert "# Our fixes: ask Sam before changing these." in text and "# he signs as Tomas" in text
    fixes = yaml.safe_load(text)
    assert fixes["player_names"] == {"Tom Brannigan": "Tomas Brannigan"}
    assert fixes["articles"]["003_c.txt"]["source"] == "Liverpool Echo"


def test_a_bad_move_in_the_csv_names_the_line(tmp_path: Path) -> None:
    archive = _archive(tmp_path / "archive")
    sheet = tmp_path / "review.csv"
    sheet.write_text("file,field,value,reason,confidence,correction\n002_b.txt,moves,,,0.5,Brannigan to Everton\n",
                     encoding="utf-8")
    result = CliRunner().invoke(main, ["review", "--source", str(archive), "--apply", str(sheet)])
    assert result.exit_code == 1 and "review.csv:2" in result.output and "Player: From -> To" in result.output
