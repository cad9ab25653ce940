"""Clean corpora on Dask: bags of strings or records, and a column of a DataFrame.

Install with ``pip install 'normalize[dask]'``. The configuration is the same ``Config`` the CLI
builds. A :class:`~normalize.pipeline.Pipeline` travels to the workers as that configuration
(filter names and option objects, a few hundred bytes); each worker process loads a filter's
tables once (``functools.cache``), never once per record.

>>> import dask.bag as db
>>> bag = db.from_sequence(["a&quot;b", "plain text\\n"], npartitions=1)
>>> clean_bag(bag, counts=True).compute(scheduler="sync")
[('a"b\\n', {'html-entities': 1, 'whitespace': 1}), ('plain text\\n', {})]
"""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

from normalize.config import Config
from normalize.errors import NormalizeError
from normalize.files import read_bytes
from normalize.pipeline import Pipeline

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe
    import pandas

    from normalize.batch import FileCleaner, Skip
    from normalize.files import Outcome

COUNT_PREFIX = "edits_"
CONNECT_TIMEOUT = "30s"  # a busy scheduler can take seconds to answer; a wrong address waits this long
IN_FLIGHT_PER_WORKER = 16  # files submitted ahead of the one being written: bounds memory


def clean_bag(
    bag: dask.bag.Bag, config: Config | None = None, *, field: str | None = None, counts: bool = False
) -> dask.bag.Bag:
    """Clean every item of ``bag``: strings, or records (dicts) whose ``field`` holds the text.

    Records keep every other key. With ``counts``, each item becomes ``(cleaned, {filter: edits})``.
    """
    return bag.map_partitions(_clean_items, Pipeline(config or Config()), field, counts)


def clean_column(
    frame: dask.dataframe.DataFrame, column: str, config: Config | None = None, *, counts: bool = False
) -> dask.dataframe.DataFrame:
    """``frame`` with ``column`` cleaned; with ``counts``, one ``edits_<filter>`` column per filter."""
    pipeline = Pipeline(config or Config())
    count_names = tuple(spec.name for spec in pipeline.config.selected()) if counts else ()
    meta = frame._meta.assign(**{COUNT_PREFIX + name: 0 for name in count_names})
    return frame.map_partitions(_clean_frame, pipeline, column, count_names, meta=meta)


def _clean_items(items: Iterable[Any], pipeline: Pipeline, field: str | None, counts: bool) -> list[Any]:
    cleaned = []
    for item in items:
        result = pipeline.run(item if field is None else item[field])
        output = result.text if field is None else {**item, field: result.text}
        cleaned.append((output, result.edit_counts()) if counts else output)
    return cleaned


def _clean_frame(
    part: pandas.DataFrame, pipeline: Pipeline, column: str, count_names: tuple[str, ...]
) -> pandas.DataFrame:
    results = [pipeline.run(text) for text in part[column]]
    counts = [result.edit_counts() for result in results]
    return part.assign(
        **{column: [result.text for result in results]},
        **{COUNT_PREFIX + name: [count.get(name, 0) for count in counts] for name in count_names},
    )


def clean_files_on_cluster(address: str, paths: Sequence[Path], cleaner: FileCleaner) -> Iterator[Outcome | Skip]:
    """Clean files on the Dask scheduler at ``address``, yielding outcomes in the order of ``paths``.

    Files are read here and their bytes sent, so the workers need no access to this file system;
    the ``normalize clean --scheduler`` option runs this.
    """
    try:
        from distributed import Client
    except ImportError:
        raise NormalizeError("--scheduler needs the dask extra: pip install 'normalize[dask]'") from None
    from normalize.batch import skip_for

    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except OSError as error:
        raise NormalizeError(f"cannot reach the Dask scheduler at {address}: {error}") from None
    with client:
        window = IN_FLIGHT_PER_WORKER * max(1, len(client.nthreads()))
        shipped = client.scatter(cleaner, broadcast=True)
        pending: deque[Any] = deque()
        for path in paths:
            try:
                pending.append(client.submit(_clean_data, shipped, read_bytes(path), str(path), pure=False))
            except NormalizeError as error:
                pending.append(skip_for(str(path), error))
            while len(pending) > window:
                yield _ready(pending.popleft())
        while pending:
            yield _ready(pending.popleft())


def _clean_data(cleaner: FileCleaner, data: bytes, name: str) -> Outcome | Skip:
    return cleaner.to_send(cleaner.clean_data(data, name))


def _ready(item: Any) -> Any:
    from normalize.batch import Skip

    return item if isinstance(item, Skip) else item.result()
