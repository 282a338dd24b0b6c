# The words `eol` prints around the rules' own labels, in English.
# One message per phrase; `de.ftl` has the same ids. A test checks both files have the
# same messages and that German output contains none of the English-only words.

## Cells and kinds
pending = pending
none-cell = -
kind-exact = exact
kind-estimated = estimated
kind-override = override
kind-declared = declared
kind-at-the-latest = at the latest
kind-pending = pending
legend = ~ estimated   * override   pending: not known yet
legend-declared = ~ estimated   * override   ! declared   pending: not known yet
legend-at-the-latest = ≤ at the latest: the day was not published, only that it had come by then

## eval: titles and columns
eval-title = { $name } ({ $id }), { $vendor }, at { $at }
eval-title-no-vendor = { $name } ({ $id }), at { $at }
col-line = line
col-also = also called
col-first-ship = first ship
col-latest = latest
col-phase-ends = { $phase } ends
col-status = status
latest-cell = { $version } ({ $date })

## eval: a line's status cell
state-unreleased = unreleased
state-eol-since = end of life since { $date }
state-no-phase-until = no phase until { $date }
state-in-phase-until = { $phase } until { $date }
state-in-phase-open = { $phase }, end not known yet

## Which data answered
data-bundled = bundled library ({ $products } products, newest catalog row { $date })
data-bundled-undated = bundled library ({ $products } products)
data-line = data: { $what }
data-more = { $shown } and { $n } more files
data-and = { $first }; { $second }
incomplete = incomplete: { $files ->
    [one] one file has
   *[other] { $files } files have
} errors; products read from them are not shown

## status
status-title = { $name } { $version } at { $at }
status-note-not-in-catalog = version { $version } is not in the catalog; judged by its line
status-note-really = version { $version } is { $judged }, as its `really` says (the package went back to that release); judged by it
status-note-prerelease = version { $version } is a pre-release (`{ $mark }`) of { $release }: pre-releases are not supported
status-built-for-ubuntu = Ubuntu, as the version's `{ $mark }` says, for a release it does not name: `--distro ubuntu-RELEASE` (`ubuntu-22.04`) says what that release's support says of its package
status-judged = `{ $version }` of `{ $product }`: { $note }
status-built-for-debian = Debian, as the version's `{ $mark }` says (the kernel flavour Debian builds), for a release it does not name: `--distro debian-RELEASE` (`debian-12`) says what that release's support says of its package
status-built-for-suse = SUSE Linux Enterprise { $release } (or openSUSE Leap { $release }, which shares its kernels), as the version's `{ $mark }` says: `--distro sles-{ $release }` says what that release's support says of its package
status-built-for-suse-unnamed = SUSE, as the version's `{ $mark }` says (the kernel flavour SUSE builds), for a release it does not name: `--distro sles-RELEASE` (`sles-15.6`) says what that release's support says of its package
status-built-for-el = Enterprise Linux { $release } (Red Hat Enterprise Linux or a rebuild), as the version's `{ $mark }` says: `--distro rhel-{ $release }` (or `rocky-{ $release }`, `almalinux-{ $release }`, `oracle-linux-{ $release }`) says what that release's support says of its package
status-line = { $line } (first ship { $date })
status-line-aliases = { $line }, also { $aliases } (first ship { $date })
line-aliases-many = { $first }, { $second }, … { $last } ({ $n } names)
status-note-line-alias = { $version } is another name of line { $line }
status-phase-through = { $phase } through { $date } (its last day)
status-phase-until = { $phase } until { $date }
status-phase-open = { $phase }, end date not known yet
status-phase-eol = none: end of life since { $date }
status-phase-eol-standard = none: standard support ended { $date }
status-phase-unreleased = none: not released yet
status-phase-prerelease-unreleased = none: { $release } is not released yet
status-phase-between = none: between phases
status-phase-superseded = none: superseded by { $version } ({ $date }{ $bound }){ $grace }: line { $line } is supported, but only its newest { $unit }
status-phase-prerelease = none: replaced by { $version } ({ $date }{ $bound }): line { $line } is supported in its releases, not its pre-releases
status-superseded-bound = , or earlier
status-superseded-grace = , with { $grace } of grace until { $date }
status-entitled-superseded = nothing until updated within line { $line }
status-entitled-nothing = nothing
status-next-on = { $what } on { $date } ({ $days })
status-next-unknown = { $what }, on a date not known yet
status-enters-eol = end of life
status-enters-gap = the end of this phase (no phase follows at once)
status-enters-superseded = superseded by { $version } (the grace period ends)
days-tomorrow = tomorrow
days-today = today
days-in = in { $n ->
    [one] { $n } day
   *[other] { $n } days
}
days-ago = { $n ->
    [one] { $n } day ago
   *[other] { $n } days ago
}
status-why-estimated = estimated:
status-why-pending = pending:
why-estimated-general = derived from an approximate, planned or projected date (`eol explain` shows each step)
why-pending-general = waits for something the catalog does not have yet (`eol explain` shows what)
status-why-declared = announced:
status-why-override = override:
why-declared-general = a date the vendor announced, declared in the rule file with its source (`eol explain` shows it)
why-override-general = an exception to the policy that the rule file sets, with its reason (`eol explain` shows it)
date-unknown = unknown
status-newer = { $n ->
    [one] { $version } ({ $date }), the newest release of this line in the catalog
   *[other] the catalog lists { $n } newer releases of this line; the newest: { $version } ({ $date })
}
status-newest = none; this is the newest release of the line the catalog lists
status-eol-standard = { $date } (end of standard support)
status-eol-extended = { $date } (end of extended support, counted with --extended)
status-eol-only = { $date }
status-last-day = { $what }; last supported day { $date }
status-eol-unknown = not known yet
status-note-at-the-latest = the day support ended was not published; ≤ marks the latest day it can have been
status-extended-available = { $phase } through { $date }: extended support, which --extended counts
status-extended-runs = extended support runs to { $date } ({ $phase }); --extended counts it
status-extended-available-until = { $phase } until { $date }: extended support, which --extended counts
status-extended-available-open = { $phase }, end date not known yet: extended support, which --extended counts
status-extended-runs-open = extended support runs on, end date not known yet ({ $phase }); --extended counts it
status-data = { $library }; this product's newest catalog row { $date } ({ $days ->
    [one] 1 day
   *[other] { $days } days
} before { $at })
status-data-none = { $library }; this product's catalog has no dated row on or before { $at }
status-data-checked = ; its sources were last read on { $date } (`eol update`)
status-data-late = : they did not have what this status waits for either, so the vendor is late, not the catalog
status-whichever = `{ $version }` belongs to { $n } lines of `{ $product }`, and every one has ended: end of life whichever it is, since { $date } at the latest
status-whichever-undated = `{ $version }` belongs to { $n } lines of `{ $product }`, and every one has ended: end of life whichever it is
status-whichever-help = `--line LINE` judges it by one of them ({ $lines }); each one's status follows
status-unlisted-older = `{ $version }` is older than every line of `{ $product }` the catalog lists, and the oldest, { $lines }, has ended: taken to be at end of life too
status-unlisted-between = `{ $version }` is in no line of `{ $product }` the catalog lists, and the lines either side of it, { $lines }, have ended: taken to be at end of life too
status-unlisted-help = its own end is not in the catalog; the status of { $lines } follows
status-stale = the catalog may be stale: what this status waits for is overdue
status-stale-expected = the catalog may be stale: the release cadence expected a new line by { $date }, and the catalog lists none
status-stale-observed = the catalog may be stale: the policy states no line cadence, and its { $lines } newest lines came at most { $gap } days apart, yet none is listed in the { $days } days since { $line } ({ $line_date }); a new line was expected by { $date }
status-stale-final = the catalog may be stale: the end of life waits for a release marked final, and the product's { $releases } newest release days were at most { $gap } days apart, yet none is listed in the { $days } days since { $version } ({ $version_date }); one was expected by { $date }
status-stale-newer = the catalog may be stale: the { $unit } cadence expected a { $unit } after { $value } by { $date } (counted from { $listed }, { $listed_date }), and the catalog lists none; this release may already be superseded
label-note = note:
label-line = line:
label-phase = phase:
label-entitled = entitled to:
label-next = next:
label-eol = end of life:
label-extended = extended:
label-newer = newer:
label-installed-on = runs on:
label-packaged = packaged by:
status-packaged = { $release }, { $state }
status-packaged-eol = { $release }, { $state } (end of life { $date })
status-packaged-ended = { $release }, end of life since { $date }
status-packaged-mark = { $release } (as its version's `{ $mark }` says)
label-data = data:
label-stale = stale:

## status without a version: the product's lines
lines-title = { $name } ({ $id }) at { $at }: { $n ->
    [one] 1 line
   *[other] { $n } lines
}
col-eol = end of life
col-state = state
state-word-in-phase = supported
state-word-eol = end of life
state-word-unreleased = unreleased
state-word-between = between phases
state-word-superseded = superseded

## list
col-id = id
col-name = name
col-vendor = vendor
col-aliases = aliases
col-lines = lines
more-lines = { $lines } and { $n } more
col-supported = supported lines
list-summary = { $n ->
    [one] 1 product
   *[other] { $n } products
} at { $at }

## audit
audit-title = audit of { $n ->
    [one] 1 item
   *[other] { $n } items
} at { $at } (ends soon: within { $within })
col-audit-state = state
col-audit-product = product
col-audit-version = version
col-audit-phase = phase
col-audit-days = days left
col-audit-next = next
col-audit-where = where
audit-state-end-of-life = end of life
audit-state-ends-soon = ends soon
audit-state-superseded = superseded
audit-state-unknown-product = unknown product
audit-state-unknown-version = unknown version
audit-state-unreleased = unreleased
audit-state-supported = supported
audit-suppressed-state = { $state } (suppressed)
audit-packaged-state = { $state } †
audit-judged-phase = { $release }: { $phase }
audit-stale-state = { $state }?
list-stale = { $n ->
    [one] ? { $n } supported line may be wrong: its catalog may be stale, what it waits for is overdue (eol status PRODUCT says what; eol update, for the bundled library eol update --into DIR)
   *[other] ? { $n } supported lines may be wrong: their catalogs may be stale, what they wait for is overdue (eol status PRODUCT says what; eol update, for the bundled library eol update --into DIR)
}
lines-stale = { $n ->
    [one] ? { $n } line may be wrong: the catalog may be stale, what it waits for is overdue (eol update, for the bundled library eol update --into DIR)
   *[other] ? { $n } lines may be wrong: the catalog may be stale, what they wait for is overdue (eol update, for the bundled library eol update --into DIR)
}
audit-did-you-mean = did you mean { $names }?
audit-nearest = nearest lines: { $names }
audit-whichever = whichever of: { $names }
audit-older = older than line { $names }
audit-between = between lines { $names }
audit-next-gap = gap
audit-superseded = none: superseded by { $version }
audit-prerelease = none: a pre-release, replaced by { $version }
audit-prerelease-unreleased = none: a pre-release of { $release }, not released yet
audit-summary = { $n ->
    [one] 1 item
   *[other] { $n } items
}: { $counts }
audit-summary-suppressed = ; { $n } suppressed
audit-summary-hidden = ; { $n } unknown not shown (--unmatched hide)
audit-summary-built-for = ; { $n ->
    [one] 1 package is a distribution's build whose release it does not name
   *[other] { $n } packages are a distribution's builds whose release they do not name
} (marks such as `ubuntu2.14`, `.el9` and a kernel's `-generic`: a `distro` column or --distro names the release, and says what its support says)
audit-summary-judged = ; { $n } judged by the distribution release that packages them (--packages distribution)
audit-summary-packaged = ; { $n ->
    [one] 1 package (marked †) whose distribution release says otherwise than its product
   *[other] { $n } packages (marked †) whose distribution release says otherwise than their product
} (the reason in --format csv or json; --packages distribution judges by the release)
audit-summary-not-judged = ; { $n } not judged by their distribution release (the reason in --format csv or json)
audit-data-checked = ; sources of { $n ->
    [one] 1
   *[other] { $n }
} of the { $total } products that answered last read on { $date } or later (`eol update`)
audit-summary-stale = ; { $n } may be wrong (marked ?): the catalog may be stale, what they wait for is overdue (update it with eol update, the bundled library with eol update --into DIR; --fail-on stale gates on it)
audit-suppression = suppressed { $target }: { $n ->
    [one] 1 item
   *[other] { $n } items
}, { $reason }{ $until }
audit-suppression-until = , until { $date }
audit-suppression-expired = ; expired on { $date }, no longer suppresses
