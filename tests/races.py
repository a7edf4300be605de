"""Run calls at the same moment in real threads, each on its own database connection:
how the tests show that a lock gives a race exactly one outcome."""

import threading
from collections.abc import Callable

from django.db import connection


def at_once(*calls: Callable[[], object]) -> list[BaseException | None]:
    """Start every call together (a barrier) and wait for all; returns what each raised."""
    barrier = threading.Barrier(len(calls))
    raised: list[BaseException | None] = [None] * len(calls)

    def run(number: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait()
            call()
        except Exception as error:  # reported to the test, which decides
            raised[number] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return raised
