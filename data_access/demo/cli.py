"""``flask --app app data demo [--seed N] [--replace] [--alongside-real | --skip-if-real]``: build the
demonstration release.

Demonstration data never lands beside real data by accident: a store holding any real release is
refused unless ``--alongside-real`` asks for the mix; ``--skip-if-real`` lets set-up scripts (``make
run``) leave such a store as it is and succeed.
"""

from __future__ import annotations

import time

import click

from data_access.db import get_engine
from data_access.demo.frame import DEFAULT_SEED
from data_access.demo.load import DemoBesideRealError, DemoLoadError, load_demo
from data_access.warm import warm_cache


@click.command("demo")
@click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True, help="Random seed of the generator.")
@click.option("--replace", is_flag=True, help="Add a new demo release even if this one is loaded (the old one is kept).")
@click.option("--alongside-real", is_flag=True,
              help="Add the demo release even though the store holds real data (shown beside it only with "
                   "CDP_SHOW_DEMO=1).")
@click.option("--skip-if-real", is_flag=True, help="Do nothing, successfully, when the store holds real data.")
def demo_command(seed: int, replace: bool, alongside_real: bool, skip_if_real: bool) -> None:
    """Generate the seeded demonstration dataset and store it as one release marked as demo."""
    started = time.perf_counter()
    try:
        result = load_demo(get_engine(read_only=False), seed=seed, replace=replace, alongside_real=alongside_real)
    except DemoBesideRealError as error:
        if skip_if_real:
            click.echo("The store holds real data; no demonstration data added.")
            return
        raise click.ClickException(str(error)) from error
    except DemoLoadError as error:
        raise click.ClickException(str(error)) from error
    if result["status"] == "exists":
        click.echo(f"Demo data for seed {seed} is already loaded as release {result['release_id']} "
                   f"({result['rows']:,} observations); nothing to do. Use --replace to add a new demo release.")
        return
    click.echo(f"Demo release {result['release_id']} created: {result['rows']:,} observations, "
               f"{result['periods_created']} new periods, seed {seed}, in {time.perf_counter() - started:.1f} s.")
    warm_cache(echo=click.echo)
