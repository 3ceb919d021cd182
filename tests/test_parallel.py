"""Tasks run in forked worker processes, with their results back in order."""

import os
import time

from generator.site.parallel import Prelude, Task, run_tasks


def pid_task(number: int) -> Task:
    return Task("pids", lambda: ([], [f"{number}:{os.getpid()}"]))


def test_tasks_run_in_other_processes_and_come_back_in_order() -> None:
    _, results, _ = run_tasks([pid_task(n) for n in range(6)], 2)
    assert [r.split(":")[0] for r in results] == [str(n) for n in range(6)]
    assert str(os.getpid()) not in {r.split(":")[1] for r in results}


def test_one_worker_runs_tasks_here() -> None:
    _, results, _ = run_tasks([pid_task(n) for n in range(3)], 1)
    assert {r.split(":")[1] for r in results} == {str(os.getpid())}


def busy(seconds: float) -> Task:
    def run():
        end = time.process_time() + seconds
        while time.process_time() < end:
            pass
        return [], []

    return Task("busy", run)


def test_the_cpu_time_of_each_kind_of_task_is_summed_across_workers() -> None:
    tasks = [busy(0.2), busy(0.2), pid_task(0)]
    _, _, cpu = run_tasks(tasks, 2)
    assert cpu.keys() == {"busy", "pids"}
    assert 0.4 <= cpu["busy"] < 1.0
    assert cpu["pids"] < 0.1


def test_a_preludes_results_come_back_from_the_workers_and_become_tasks_run_first() -> None:
    def then(results: list[tuple[int, int]]) -> list[Task]:
        return [Task("pids", lambda r=r: ([], [f"job {r[0]} ran in {r[1]}"])) for r in results]

    jobs = [lambda n=n: (n, os.getpid()) for n in range(4)]
    _, results, cpu = run_tasks([pid_task(9), Prelude("jobs", jobs, then)], 2)
    assert [r.split(" ran in ")[0] for r in results[:4]] == [f"job {n}" for n in range(4)]
    assert str(os.getpid()) not in {r.split(" ran in ")[1] for r in results[:4]}
    assert results[4].startswith("9:")
    assert cpu.keys() == {"jobs", "pids"}
