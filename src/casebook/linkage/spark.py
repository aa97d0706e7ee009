"""Splink's Spark backend, for collections that outgrow one machine, with nothing readable on disk.

The person and perpetrator models are Splink comparisons and blocking rules, so the same
model runs on Spark (``predict(..., backend=SparkBackend(...))``); only a few SQL function
names differ (``compare.for_dialect``). Spark writes shuffle blocks, spilled partitions,
broadcast pieces, Python worker files and checkpoints under its local directory, a Derby
metastore and a warehouse under the working directory, and event logs if asked. Here:

* every such directory lives in one private (0700) folder on a memory-backed file system
  (tmpfs or ramfs, such as ``/dev/shm``), removed when the session stops; a folder that is
  not memory-backed is refused, unless the caller states that it is on an encrypted disk
  (a cluster's scratch volumes), which is the caller's responsibility;
* shuffle and spill files are also encrypted with a per-application key
  (``spark.io.encryption.enabled``), the catalogue is in memory (no ``metastore_db``), event
  logs and the web UI are off, and Splink breaks lineage with ``persist``, never by writing
  Parquet or Delta files;
* the JVM's temporary directory is the same private folder.

Starting the JVM takes a few seconds; Spark pays off only when DuckDB on one machine runs out
of memory (docs/linkage.md says when).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casebook.errors import InvalidInput

MEMORY_FILE_SYSTEMS = frozenset({"tmpfs", "ramfs"})
DEFAULT_ROOT = Path("/dev/shm")
DEBIAN_JAVA_17 = Path("/usr/lib/jvm/java-17-openjdk-amd64")


def file_system_type(path: Path | str, mounts: str = "/proc/mounts") -> str | None:
    """The file system type of the mount that holds ``path`` (longest mount point prefix)."""
    target = os.path.realpath(path)
    best, kind = "", None
    try:
        lines = Path(mounts).read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, parts[2]
    return kind


def memory_backed(path: Path | str) -> bool:
    return file_system_type(path) in MEMORY_FILE_SYSTEMS


def spark_conf(workdir: Path, *, cores: int = 2, memory: str = "4g",
               master: str | None = None) -> dict[str, str]:
    """Spark settings that keep every file it writes inside ``workdir``.

    ``master`` is ``local[cores]`` by default; on a cluster (``yarn``, ``spark://…``,
    ``k8s://…``) the cluster manager sets the executors' local directories, which must then
    be on encrypted or memory-backed volumes, and the driver is not bound to loopback.
    """
    java_tmp = f"-Djava.io.tmpdir={workdir / 'tmp'} -Dderby.system.home={workdir / 'derby'}"
    master = master or f"local[{cores}]"
    local = master.startswith("local")
    conf = {
        "spark.master": master,
        "spark.app.name": "casebook-linkage",
        "spark.driver.memory": memory,
        "spark.local.dir": str(workdir / "local"),
        "spark.sql.warehouse.dir": str(workdir / "warehouse"),
        "spark.sql.catalogImplementation": "in-memory",
        "spark.checkpoint.dir": str(workdir / "checkpoint"),
        "spark.eventLog.enabled": "false",
        "spark.authenticate": "true",  # with a generated secret, and encrypted RPC
        "spark.network.crypto.enabled": "true",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.io.encryption.enabled": "true",
        "spark.driver.extraJavaOptions": java_tmp,
        "spark.executor.extraJavaOptions": java_tmp,
        "spark.sql.shuffle.partitions": str(max(4, cores * 4)),
        "spark.default.parallelism": str(max(4, cores * 4)),
        "spark.sql.execution.arrow.pyspark.enabled": "true",
        "spark.jars": similarity_jar(),
    }
    if local:  # local mode talks to itself on loopback only
        conf.update({"spark.driver.host": "127.0.0.1", "spark.driver.bindAddress": "127.0.0.1"})
    return conf


def similarity_jar() -> str:
    """Splink's jar of string-similarity UDFs (Jaro–Winkler, Damerau–Levenshtein) for Spark."""
    from splink.backends.spark import similarity_jar_location

    return similarity_jar_location()


@dataclass
class SparkBackend:
    """A running Spark session whose files all live in ``workdir``."""

    spark: Any
    workdir: Path

    def db_api(self) -> Any:
        from splink.backends.spark import SparkAPI

        return SparkAPI(spark_session=self.spark, break_lineage_method="persist")


@contextmanager
def spark_session(root: Path | str = DEFAULT_ROOT, *, cores: int = 2, memory: str = "4g",
                  encrypted_disk: bool = False, master: str | None = None
                  ) -> Iterator[SparkBackend]:
    """A Spark session (local by default) whose every file is under a private folder in
    ``root``.

    ``root`` must be memory-backed (tmpfs), or ``encrypted_disk=True`` must say that it is
    on an encrypted volume; otherwise this refuses. On a cluster (``master``) the same must
    hold for every executor's local directories, which the cluster manager sets. The folder
    is removed on exit.
    """
    root = Path(root)
    if not root.is_dir():
        raise InvalidInput(f"{root}: no such folder for Spark's working files")
    if not encrypted_disk and not memory_backed(root):
        raise InvalidInput(
            f"{root}: not memory-backed ({file_system_type(root) or 'unknown'}); Spark would "
            "write shuffle and spill files there. Use a tmpfs folder such as /dev/shm, or "
            "state that it is on an encrypted disk")
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise InvalidInput("Spark is not installed: pip install 'casebook[spark]' "
                           "(and a Java 17 runtime)") from None
    if "JAVA_HOME" not in os.environ and DEBIAN_JAVA_17.is_dir():
        os.environ["JAVA_HOME"] = str(DEBIAN_JAVA_17)  # Debian's OpenJDK 17, when installed
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    workdir = Path(tempfile.mkdtemp(prefix="casebook-spark-", dir=root))
    os.chmod(workdir, 0o700)
    for sub in ("local", "warehouse", "checkpoint", "tmp", "derby"):
        (workdir / sub).mkdir(mode=0o700)
    builder = SparkSession.builder
    for key, value in spark_conf(workdir, cores=cores, memory=memory, master=master).items():
        builder = builder.config(key, value)
    spark = None
    try:
        spark = builder.getOrCreate()
        spark.sparkContext.setLogLevel("ERROR")
        spark.sparkContext.setCheckpointDir(str(workdir / "checkpoint"))
        yield SparkBackend(spark, workdir)
    finally:
        if spark is not None:
            spark.stop()
        shutil.rmtree(workdir, ignore_errors=True)


__all__ = ["DEFAULT_ROOT", "SparkBackend", "file_system_type", "memory_backed", "spark_conf",
           "spark_session"]
