"""Files the program writes where a clerk says (issue 23 items 5, 19): never the data folder, an existing database,
a device or through a symbolic link."""

from __future__ import annotations

from pathlib import Path

from tests import factories
from tests.conftest import Cli


def test_outputs_never_land_on_the_database_its_folder_a_link_or_another_database(
    cli_with_institutions: Cli, tmp_path: Path
) -> None:
    cli = cli_with_institutions
    receipt_no = cli.add("training_completion", factories.training_completion()).json["receipt_no"]
    database = cli.data_dir / "clerk.sqlite3"
    before = database.read_bytes()
    other_db = tmp_path / "kept.db"
    other_db.write_bytes(before)  # another database
    link = tmp_path / "link.pdf"
    link.symlink_to(database)
    dangling = tmp_path / "dangling.pdf"
    dangling.symlink_to(tmp_path / "nowhere.pdf")
    (cli.data_dir / "backups").mkdir(exist_ok=True)
    targets = [database, link, dangling, other_db, cli.data_dir / "backups" / "x.pdf", cli.data_dir / "notes.pdf",
               tmp_path / "clerk.sqlite3"]
    for target in targets:
        printed = cli("print", "receipt", receipt_no, "--out", str(target))
        assert printed.code == 2 and printed.json["errors"][0]["code"] == "print_out_unwritable", (target, printed.out)
        exported = cli("import", str(tmp_path / "list.csv"), "--dry-run", "--export-refused", str(target))
        assert exported.code == 2 and exported.json["errors"][0]["code"] == "import_export_unwritable", (target, exported.out)
    assert database.read_bytes() == before and other_db.read_bytes() == before
    assert link.is_symlink() and dangling.is_symlink() and not (tmp_path / "nowhere.pdf").exists()
    assert not (cli.data_dir / "notes.pdf").exists() and not (tmp_path / "clerk.sqlite3").exists()
    assert cli("check", "--json").json["ok"]


def test_training_mode_refuses_a_training_folder_that_is_the_production_folder(cli: Cli, tmp_path: Path) -> None:
    import pytest

    from clerk_app.paths import training_dir
    from local_db.errors import DatabaseProblem

    cli("list")  # the production database exists
    link = cli.data_dir / "training"
    link.symlink_to(cli.data_dir, target_is_directory=True)
    with pytest.raises(DatabaseProblem) as refused:
        training_dir(cli.data_dir)
    assert refused.value.code == "training_folder_refused" and "链接" in refused.value.message("zh")
    link.unlink()
    link.symlink_to(tmp_path, target_is_directory=True)  # a link anywhere: never followed
    with pytest.raises(DatabaseProblem):
        training_dir(cli.data_dir)
    link.unlink()
    assert training_dir(cli.data_dir) == link and link.is_dir() and not link.is_symlink()
    assert not (link / "clerk.sqlite3").exists()
    assert cli("config", "show", "--json").json["hall.code"] == "220100"  # the real hall, untouched
