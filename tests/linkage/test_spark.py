"""The Spark backend: same links as DuckDB, and every file it writes in a private tmpfs folder.

pyspark is in the ``[test]`` extra and Debian's OpenJDK 17 in debian-packages.txt, so this runs
in CI; one Spark session (about 10 s to start) serves the whole module.
"""

import os
import tempfile
from pathlib import Path

import pytest

from casebook.errors import InvalidInput
from casebook.linkage import synthetic
from casebook.linkage.scoring import features_for, predict, spec_for
from casebook.linkage.spark import (
    DEFAULT_ROOT,
    file_system_type,
    memory_backed,
    spark_conf,
    spark_session,
)

pytestmark = pytest.mark.slow


def test_file_system_type_takes_the_longest_mount_point(tmp_path):
    mounts = tmp_path / "mounts"
    mounts.write_text("/dev/sda1 / ext4 rw 0 0\ntmpfs /dev/shm tmpfs rw 0 0\n"
                      "tmpfs /run tmpfs rw 0 0\n/dev/sdb1 /dev/shm/disk xfs rw 0 0\n")
    assert file_system_type("/dev/shm/x", str(mounts)) == "tmpfs"
    assert file_system_type("/dev/shm/disk/y", str(mounts)) == "xfs"
    assert file_system_type("/home", str(mounts)) == "ext4"
    assert file_system_type("/dev/shmother", str(mounts)) == "ext4"


def test_refuses_a_folder_that_is_not_memory_backed():
    on_disk = Path(__file__).parent
    assert not memory_backed(on_disk)
    with pytest.raises(InvalidInput, match="not memory-backed"), spark_session(on_disk):
        pass
    with pytest.raises(InvalidInput, match="no such folder"), spark_session(on_disk / "nowhere"):
        pass


def test_every_spark_directory_is_inside_the_private_folder(tmp_path):
    conf = spark_conf(tmp_path / "w")
    for key in ("spark.local.dir", "spark.sql.warehouse.dir", "spark.checkpoint.dir"):
        assert conf[key].startswith(str(tmp_path / "w"))
    assert str(tmp_path / "w") in conf["spark.driver.extraJavaOptions"]
    assert conf["spark.io.encryption.enabled"] == "true"
    assert conf["spark.eventLog.enabled"] == "false"
    assert conf["spark.sql.catalogImplementation"] == "in-memory"


def _links(table):
    return {tuple(sorted(p)) for p in zip(table.column("unique_id_l").to_pylist(),
                                          table.column("unique_id_r").to_pylist())}


@pytest.mark.skipif(not memory_backed(DEFAULT_ROOT), reason="/dev/shm is not a tmpfs here")
def test_spark_gives_duckdbs_links_and_leaves_no_file_behind(tmp_path, monkeypatch):
    work, temp = tmp_path / "cwd", tmp_path / "tmp"
    work.mkdir()
    temp.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    data = synthetic.generate(300, seed=4)
    table = features_for(data.records, "person", synthetic.province_of)
    spec = spec_for("person", 300)
    on_duckdb = predict(table, spec, 0.5, train=False)
    before = {p for p in os.listdir(DEFAULT_ROOT) if p.startswith("casebook-spark-")}
    with spark_session(cores=2, memory="1g") as backend:
        assert backend.workdir.parent == DEFAULT_ROOT
        assert oct(backend.workdir.stat().st_mode & 0o777) == "0o700"
        local = backend.spark.sparkContext.getConf().get("spark.local.dir")
        assert local.startswith(str(backend.workdir))
        on_spark = predict(table, spec, 0.5, train=False, backend=backend)
        workdir = backend.workdir
    assert len(_links(on_duckdb)) > 15
    assert _links(on_spark) == _links(on_duckdb)
    assert not workdir.exists()  # removed with everything Spark put in it
    assert {p for p in os.listdir(DEFAULT_ROOT) if p.startswith("casebook-spark-")} <= before
    assert list(work.iterdir()) == [] and list(temp.iterdir()) == []
