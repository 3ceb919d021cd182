"""Tasks run in forked worker processes, with their results back in order."""

import os

from generator.site.parallel import run_tasks


def pid_task(number: int):
    return lambda: ([], [f"{number}:{os.getpid()}"])


def test_tasks_run_in_other_processes_and_come_back_in_order() -> None:
    ran_alongside = []
    _, results = run_tasks([pid_task(n) for n in range(6)], 2, lambda: ran_alongside.append(1))
    assert [r.split(":")[0] for r in results] == [str(n) for n in range(6)]
    assert str(os.getpid()) not in {r.split(":")[1] for r in results}
    assert ran_alongside == [1]


def test_one_worker_runs_tasks_here() -> None:
    _, results = run_tasks([pid_task(n) for n in range(3)], 1, lambda: None)
    assert {r.split(":")[1] for r in results} == {str(os.getpid())}
