# Die Wörter, die `eol` um die Bezeichnungen der Regeln herum ausgibt, auf Deutsch.
# Dieselben Nachrichten wie `en.ftl`.

## Zellen und Arten
pending = offen
none-cell = -
kind-exact = genau
kind-estimated = geschätzt
kind-override = festgelegt
kind-declared = angekündigt
kind-at-the-latest = spätestens
kind-pending = offen
legend = ~ geschätzt   * festgelegt   offen: noch nicht bekannt
legend-declared = ~ geschätzt   * festgelegt   ! angekündigt   offen: noch nicht bekannt
legend-at-the-latest = ≤ spätestens: der Tag wurde nicht veröffentlicht, nur dass er bis dahin gekommen war

## eval: Titel und Spalten
eval-title = { $name } ({ $id }), { $vendor }, am { $at }
eval-title-no-vendor = { $name } ({ $id }), am { $at }
col-line = Linie
col-also = auch genannt
col-first-ship = Erstauslieferung
col-latest = neueste
col-phase-ends = Ende { $phase }
col-status = Stand
latest-cell = { $version } ({ $date })

## eval: Stand einer Linie
state-unreleased = nicht erschienen
state-eol-since = Lebensende seit { $date }
state-no-phase-until = keine Phase bis { $date }
state-in-phase-until = { $phase } bis { $date }
state-in-phase-open = { $phase }, Ende noch nicht bekannt

## Welche Daten geantwortet haben
data-bundled = mitgelieferte Bibliothek ({ $products } Produkte, neueste Katalogzeile { $date })
data-bundled-undated = mitgelieferte Bibliothek ({ $products } Produkte)
data-line = Daten: { $what }
data-more = { $shown } und { $n } weitere Dateien
data-and = { $first }; { $second }
incomplete = unvollständig: { $files ->
    [one] eine Datei hat
   *[other] { $files } Dateien haben
} Fehler; Produkte daraus werden nicht gezeigt

## status
status-title = { $name } { $version } am { $at }
status-note-not-in-catalog = Version { $version } steht nicht im Katalog; beurteilt nach ihrer Linie
status-note-really = Version { $version } ist { $judged }, wie ihr `really` sagt (das Paket ging auf diese Version zurück); danach beurteilt
status-note-prerelease = Version { $version } ist eine Vorabversion (`{ $mark }`) von { $release }: Vorabversionen werden nicht unterstützt
status-built-for-ubuntu = Ubuntu, wie `{ $mark }` in der Version sagt, für eine Release, die sie nicht nennt: `--distro ubuntu-RELEASE` (`ubuntu-22.04`) sagt, was deren Unterstützung für ihr Paket bedeutet
status-judged = `{ $version }` von `{ $product }`: { $note }
status-built-for-debian = Debian, wie `{ $mark }` in der Version sagt (die Kernel-Variante, die Debian baut), für eine Release, die sie nicht nennt: `--distro debian-RELEASE` (`debian-12`) sagt, was deren Unterstützung für ihr Paket bedeutet
status-built-for-suse = SUSE Linux Enterprise { $release } (oder openSUSE Leap { $release }, das dessen Kernel teilt), wie `{ $mark }` in der Version sagt: `--distro sles-{ $release }` sagt, was deren Unterstützung für ihr Paket bedeutet
status-built-for-suse-unnamed = SUSE, wie `{ $mark }` in der Version sagt (die Kernel-Variante, die SUSE baut), für eine Release, die sie nicht nennt: `--distro sles-RELEASE` (`sles-15.6`) sagt, was deren Unterstützung für ihr Paket bedeutet
status-built-for-el = Enterprise Linux { $release } (Red Hat Enterprise Linux oder ein Nachbau), wie `{ $mark }` in der Version sagt: `--distro rhel-{ $release }` (oder `rocky-{ $release }`, `almalinux-{ $release }`, `oracle-linux-{ $release }`) sagt, was deren Unterstützung für ihr Paket bedeutet
status-line = { $line } (Erstauslieferung { $date })
status-line-aliases = { $line }, auch { $aliases } (Erstauslieferung { $date })
line-aliases-many = { $first }, { $second }, … { $last } ({ $n } Namen)
status-note-line-alias = { $version } ist ein anderer Name der Linie { $line }
status-phase-through = { $phase } bis einschließlich { $date } (letzter Tag)
status-phase-until = { $phase } bis { $date }
status-phase-open = { $phase }, Enddatum noch nicht bekannt
status-phase-eol = keine: Lebensende seit { $date }
status-phase-eol-standard = keine: Standardunterstützung endete am { $date }
status-phase-unreleased = keine: noch nicht erschienen
status-phase-prerelease-unreleased = keine: { $release } ist noch nicht erschienen
status-phase-between = keine: zwischen zwei Phasen
status-phase-superseded = keine: abgelöst durch { $version } ({ $date }{ $bound }){ $grace }: Linie { $line } wird unterstützt, aber nur ihre neueste { $unit }-Version
status-phase-prerelease = keine: abgelöst durch { $version } ({ $date }{ $bound }): Linie { $line } wird in ihren Versionen unterstützt, nicht in ihren Vorabversionen
status-superseded-bound = , oder früher
status-superseded-grace = , mit einer Übergangsfrist von { $grace } bis { $date }
status-entitled-superseded = nichts, bis innerhalb der Linie { $line } aktualisiert wird
status-entitled-nothing = nichts
status-next-on = { $what } am { $date } ({ $days })
status-next-unknown = { $what }, Datum noch nicht bekannt
status-enters-eol = Lebensende
status-enters-gap = Ende dieser Phase (keine Phase schließt direkt an)
status-enters-superseded = abgelöst durch { $version } (die Übergangsfrist endet)
days-tomorrow = morgen
days-today = heute
days-in = in { $n ->
    [one] { $n } Tag
   *[other] { $n } Tagen
}
days-ago = vor { $n ->
    [one] { $n } Tag
   *[other] { $n } Tagen
}
status-why-estimated = geschätzt:
status-why-pending = offen:
why-estimated-general = abgeleitet aus einem ungefähren, geplanten oder hochgerechneten Datum (`eol explain` zeigt jeden Schritt)
why-pending-general = wartet auf etwas, das der Katalog noch nicht hat (`eol explain` zeigt, worauf)
status-why-declared = angekündigt:
status-why-override = Ausnahme:
why-declared-general = ein vom Hersteller angekündigtes Datum, in der Regeldatei mit seiner Quelle erklärt (`eol explain` zeigt sie)
why-override-general = eine Ausnahme von der Richtlinie, die die Regeldatei mit Begründung setzt (`eol explain` zeigt sie)
date-unknown = unbekannt
status-newer = { $n ->
    [one] { $version } ({ $date }), die neueste Veröffentlichung dieser Linie im Katalog
   *[other] der Katalog führt { $n } neuere Veröffentlichungen dieser Linie; die neueste: { $version } ({ $date })
}
status-newest = keine; dies ist die neueste Veröffentlichung der Linie im Katalog
status-eol-standard = { $date } (Ende der Standardunterstützung)
status-eol-extended = { $date } (Ende der erweiterten Unterstützung, mitgezählt mit --extended)
status-eol-only = { $date }
status-last-day = { $what }; letzter unterstützter Tag { $date }
status-eol-unknown = noch nicht bekannt
status-note-at-the-latest = der Tag, an dem die Unterstützung endete, wurde nicht veröffentlicht; ≤ markiert den spätesten möglichen Tag
status-extended-available = { $phase } bis einschließlich { $date }: erweiterte Unterstützung, die --extended mitzählt
status-extended-runs = erweiterte Unterstützung läuft bis { $date } ({ $phase }); --extended zählt sie mit
status-extended-available-until = { $phase } bis { $date }: erweiterte Unterstützung, die --extended mitzählt
status-extended-available-open = { $phase }, Enddatum noch nicht bekannt: erweiterte Unterstützung, die --extended mitzählt
status-extended-runs-open = erweiterte Unterstützung läuft weiter, Enddatum noch nicht bekannt ({ $phase }); --extended zählt sie mit
status-data = { $library }; neueste Katalogzeile dieses Produkts { $date } ({ $days ->
    [one] 1 Tag
   *[other] { $days } Tage
} vor dem { $at })
status-data-none = { $library }; der Katalog dieses Produkts hat keine datierte Zeile bis { $at }
status-data-checked = ; seine Quellen zuletzt gelesen am { $date } (`eol update`)
status-data-late = : auch sie hatten nicht, worauf dieser Stand wartet; der Hersteller ist spät dran, nicht der Katalog
status-whichever = `{ $version }` gehört zu { $n } Linien von `{ $product }`, und jede hat ihr Lebensende erreicht: Lebensende, welche es auch ist, spätestens seit { $date }
status-whichever-undated = `{ $version }` gehört zu { $n } Linien von `{ $product }`, und jede hat ihr Lebensende erreicht: Lebensende, welche es auch ist
status-whichever-help = `--line LINIE` beurteilt sie nach einer davon ({ $lines }); der Stand jeder einzelnen folgt
status-unlisted-older = `{ $version }` ist älter als jede Linie von `{ $product }` im Katalog, und die älteste, { $lines }, hat ihr Lebensende erreicht: auch sie gilt als am Lebensende
status-unlisted-between = `{ $version }` gehört zu keiner Linie von `{ $product }` im Katalog, und die Linien zu beiden Seiten, { $lines }, haben ihr Lebensende erreicht: auch sie gilt als am Lebensende
status-unlisted-help = ihr eigenes Ende steht nicht im Katalog; es folgt der Stand von { $lines }
status-stale = der Katalog ist womöglich veraltet: worauf dieser Stand wartet, ist überfällig
status-stale-expected = der Katalog ist womöglich veraltet: nach dem Rhythmus wäre bis { $date } eine neue Linie erschienen, der Katalog führt keine
status-stale-observed = der Katalog ist womöglich veraltet: die Richtlinie nennt keinen Rhythmus für Linien; seine { $lines } neuesten Linien lagen höchstens { $gap } Tage auseinander, doch in den { $days } Tagen seit { $line } ({ $line_date }) führt er keine neue; eine neue Linie wäre bis { $date } zu erwarten gewesen
status-stale-final = der Katalog ist womöglich veraltet: das Ende wartet auf eine als final markierte Version; die { $releases } neuesten Veröffentlichungstage des Produkts lagen höchstens { $gap } Tage auseinander, doch in den { $days } Tagen seit { $version } ({ $version_date }) führt er keine; eine wäre bis { $date } zu erwarten gewesen
status-stale-newer = der Katalog ist womöglich veraltet: nach dem Rhythmus der { $unit }-Versionen wäre bis { $date } eine auf { $value } folgende erschienen (gezählt ab { $listed }, { $listed_date }), der Katalog führt keine; diese Version ist womöglich schon abgelöst
label-note = Hinweis:
label-line = Linie:
label-phase = Phase:
label-entitled = Anspruch auf:
label-next = Nächstes:
label-eol = Lebensende:
label-extended = Erweitert:
label-newer = Neuer:
label-installed-on = läuft auf:
label-packaged = Paket aus:
status-packaged = { $release }, { $state }
status-packaged-eol = { $release }, { $state } (Lebensende { $date })
status-packaged-ended = { $release }, Lebensende seit { $date }
status-packaged-mark = { $release } (laut `{ $mark }` in seiner Version)
label-data = Daten:
label-stale = Veraltet:

## status ohne Version: die Linien des Produkts
lines-title = { $name } ({ $id }) am { $at }: { $n ->
    [one] 1 Linie
   *[other] { $n } Linien
}
col-eol = Lebensende
col-state = Stand
state-word-in-phase = unterstützt
state-word-eol = Lebensende
state-word-unreleased = nicht erschienen
state-word-between = zwischen Phasen
state-word-superseded = abgelöst

## list
col-id = Kennung
col-name = Name
col-vendor = Hersteller
col-aliases = Aliasse
col-lines = Linien
more-lines = { $lines } und { $n } weitere
col-supported = unterstützte Linien
list-summary = { $n ->
    [one] 1 Produkt
   *[other] { $n } Produkte
} am { $at }

## audit
audit-title = Prüfung von { $n ->
    [one] 1 Eintrag
   *[other] { $n } Einträgen
} am { $at } (bald: innerhalb von { $within })
col-audit-state = Stand
col-audit-product = Produkt
col-audit-version = Version
col-audit-phase = Phase
col-audit-days = Tage übrig
col-audit-next = Nächstes
col-audit-where = Fundort
audit-state-end-of-life = Lebensende
audit-state-ends-soon = endet bald
audit-state-superseded = abgelöst
audit-state-unknown-product = unbekanntes Produkt
audit-state-unknown-version = unbekannte Version
audit-state-unreleased = nicht erschienen
audit-state-supported = unterstützt
audit-suppressed-state = { $state } (unterdrückt)
audit-packaged-state = { $state } †
audit-judged-phase = { $release }: { $phase }
audit-stale-state = { $state }?
list-stale = { $n ->
    [one] ? { $n } unterstützte Linie womöglich falsch: ihr Katalog ist womöglich veraltet, worauf sie wartet, ist überfällig (eol status PRODUKT sagt was; eol update, für die mitgelieferte Bibliothek eol update --into VERZ)
   *[other] ? { $n } unterstützte Linien womöglich falsch: ihre Kataloge sind womöglich veraltet, worauf sie warten, ist überfällig (eol status PRODUKT sagt was; eol update, für die mitgelieferte Bibliothek eol update --into VERZ)
}
lines-stale = { $n ->
    [one] ? { $n } Linie womöglich falsch: der Katalog ist womöglich veraltet, worauf sie wartet, ist überfällig (eol update, für die mitgelieferte Bibliothek eol update --into VERZ)
   *[other] ? { $n } Linien womöglich falsch: der Katalog ist womöglich veraltet, worauf sie warten, ist überfällig (eol update, für die mitgelieferte Bibliothek eol update --into VERZ)
}
audit-did-you-mean = meinten Sie { $names }?
audit-nearest = nächste Linien: { $names }
audit-whichever = gleich welche von: { $names }
audit-older = älter als Linie { $names }
audit-between = zwischen den Linien { $names }
audit-next-gap = Lücke
audit-superseded = keine: abgelöst durch { $version }
audit-prerelease = keine: Vorabversion, abgelöst durch { $version }
audit-prerelease-unreleased = keine: Vorabversion von { $release }, noch nicht erschienen
audit-summary = { $n ->
    [one] 1 Eintrag
   *[other] { $n } Einträge
}: { $counts }
audit-summary-suppressed = ; { $n } unterdrückt
audit-summary-hidden = ; { $n } unbekannte nicht gezeigt (--unmatched hide)
audit-summary-built-for = ; { $n ->
    [one] 1 Paket ist der Build einer Distribution, dessen Release es nicht nennt
   *[other] { $n } Pakete sind Builds einer Distribution, deren Release sie nicht nennen
} (Kennzeichen wie `ubuntu2.14`, `.el9` und `-generic` eines Kernels: eine `distro`-Spalte oder --distro nennt die Release und sagt, was ihre Unterstützung sagt)
audit-summary-judged = ; { $n } nach der Release der Distribution beurteilt, die sie paketiert (--packages distribution)
audit-summary-packaged = ; { $n ->
    [one] 1 Paket (mit † markiert), dessen Distributions-Release anderes sagt als sein Produkt
   *[other] { $n } Pakete (mit † markiert), deren Distributions-Release anderes sagt als ihr Produkt
} (der Grund in --format csv oder json; --packages distribution beurteilt nach der Release)
audit-summary-not-judged = ; { $n } nicht nach ihrer Distributions-Release beurteilt (der Grund in --format csv oder json)
audit-data-checked = ; Quellen von { $n } der { $total } antwortenden Produkte zuletzt gelesen am { $date } oder später (`eol update`)
audit-summary-stale = ; { $n } womöglich falsch (mit ? markiert): der Katalog ist womöglich veraltet, worauf sie warten, ist überfällig (mit eol update aktualisieren, die mitgelieferte Bibliothek mit eol update --into VERZ; --fail-on stale prüft darauf)
audit-suppression = unterdrückt { $target }: { $n ->
    [one] 1 Eintrag
   *[other] { $n } Einträge
}, { $reason }{ $until }
audit-suppression-until = , bis { $date }
audit-suppression-expired = ; abgelaufen am { $date }, unterdrückt nicht mehr
