"""Real concurrency for the tests that need PostgreSQL: threads with their own database
connections, released at the same moment by a barrier (SQLite serialises every write)."""

import threading

from django.db import connection


def run_at_once(function, arguments):
    """Call ``function(argument)`` in one thread per argument, all starting together;
    returns the results (or the exceptions raised) in the order of ``arguments``."""
    barrier = threading.Barrier(len(arguments))
    results = [None] * len(arguments)

    def work(index, argument):
        try:
            barrier.wait(timeout=30)
            results[index] = function(argument)
        except Exception as error:
            results[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=work, args=(index, argument))
        for index, argument in enumerate(arguments)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return results
