//! The conformance run of the whole rule library is a test: it fails when a
//! product's exact-match counts drop below the figures recorded here, when a
//! mismatch has no recorded reason, when the library misses its targets (see
//! `library_meets_its_targets`), or when docs/conformance.md is out of date
//! (regenerate it with the command at its top, and raise the figures here when
//! rules improve).
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::process::Command;

const AT: &str = "2026-08-22";

/// (product, compared, exact, exact by rule alone), as recorded in docs/conformance.md.
const RECORDED: &[(&str, u64, u64, u64)] = &[
    ("adonisjs", 1, 1, 1),
    ("akeneo-pim", 15, 15, 0),
    ("alibaba-ack", 14, 14, 4),
    ("alibaba-dragonwell", 5, 4, 0),
    ("almalinux", 6, 6, 6),
    ("alpine-linux", 32, 32, 30),
    ("amazon-aurora-postgresql", 16, 16, 0),
    ("amazon-cdk", 0, 0, 0),
    ("amazon-corretto", 14, 14, 0),
    ("amazon-documentdb", 2, 2, 0),
    ("amazon-eks", 35, 26, 17),
    ("amazon-elasticache-redis", 6, 6, 0),
    ("amazon-glue", 4, 0, 0),
    ("amazon-linux", 34, 34, 0),
    ("amazon-mq-activemq", 3, 3, 0),
    ("amazon-mq-rabbitmq", 1, 1, 0),
    ("amazon-msk", 14, 14, 0),
    ("amazon-neptune", 36, 36, 0),
    ("amazon-opensearch", 26, 26, 0),
    ("amazon-rds-mariadb", 8, 8, 0),
    ("amazon-rds-mysql", 53, 30, 0),
    ("amazon-rds-postgresql", 18, 18, 0),
    ("android", 15, 5, 0),
    ("angular", 28, 15, 15),
    ("angularjs", 9, 2, 0),
    ("ansible", 13, 10, 7),
    ("ansible-core", 13, 9, 8),
    ("antix-linux", 12, 5, 5),
    ("apache-activemq", 21, 21, 15),
    ("apache-airflow", 16, 12, 9),
    ("apache-ant", 2, 2, 0),
    ("apache-apisix", 23, 20, 19),
    ("apache-artemis", 56, 53, 52),
    ("apache-camel", 47, 37, 36),
    ("apache-cassandra", 2, 2, 1),
    ("apache-couchdb", 2, 2, 2),
    ("apache-flink", 4, 0, 0),
    ("apache-groovy", 4, 4, 3),
    ("apache-hadoop", 14, 14, 0),
    ("apache-hop", 20, 12, 12),
    ("apache-http-server", 3, 3, 0),
    ("apache-kafka", 25, 3, 3),
    ("apache-lucene", 1, 1, 1),
    ("apache-maven", 9, 7, 6),
    ("apache-nifi", 21, 20, 20),
    ("apache-pulsar", 28, 16, 16),
    ("apache-spark", 21, 17, 16),
    ("apache-struts", 3, 3, 0),
    ("apache-subversion", 0, 0, 0),
    ("api-platform", 31, 28, 28),
    ("apple-tvos", 10, 10, 10),
    ("apple-watch", 7, 4, 4),
    ("arangodb", 10, 10, 0),
    ("argo-cd", 27, 15, 15),
    ("argo-workflows", 5, 4, 4),
    ("artifactory", 30, 28, 28),
    ("authentik", 9, 8, 8),
    ("aws-lambda", 101, 99, 1),
    ("azul-zulu", 41, 34, 26),
    ("azure-database-for-mysql", 4, 4, 0),
    ("azure-database-for-postgresql", 8, 8, 5),
    ("azure-devops-server", 28, 26, 26),
    ("azure-kubernetes-service", 26, 25, 5),
    ("backdrop", 6, 6, 6),
    ("bamboo", 16, 5, 5),
    ("bazel", 11, 11, 10),
    ("beats", 10, 8, 6),
    ("behat", 2, 2, 0),
    ("bellsoft-liberica", 26, 20, 15),
    ("big-ip", 62, 62, 0),
    ("bigbluebutton", 3, 3, 3),
    ("bitbucket", 26, 18, 18),
    ("bitcoin-core", 45, 38, 20),
    ("blender", 36, 30, 30),
    ("bootstrap", 6, 6, 2),
    ("boundary", 3, 3, 3),
    ("bun", 0, 0, 0),
    ("cachet", 7, 6, 6),
    ("caddy", 1, 0, 0),
    ("cakephp", 35, 32, 25),
    ("calico", 6, 5, 5),
    ("centos", 8, 5, 3),
    ("centos-stream", 6, 6, 6),
    ("centreon", 28, 26, 26),
    ("cert-manager", 10, 10, 10),
    ("cfengine", 13, 12, 11),
    ("checkmk", 4, 3, 3),
    ("chef-infra-client", 17, 15, 9),
    ("chef-infra-server", 8, 8, 4),
    ("chef-inspec", 11, 11, 8),
    ("chef-supermarket", 3, 1, 1),
    ("chef-workstation", 10, 5, 0),
    ("chrome", 144, 144, 144),
    ("cilium", 5, 5, 5),
    ("cisco-ios-xe", 38, 36, 36),
    ("citrix-vad", 55, 49, 43),
    ("ckeditor", 2, 1, 0),
    ("clamav", 12, 11, 7),
    ("clearlinux", 1, 1, 0),
    ("clickhouse", 16, 16, 16),
    ("cloud-sql-auth-proxy", 2, 0, 0),
    ("cnspec", 13, 13, 13),
    ("cockroachdb", 45, 45, 43),
    ("coder", 58, 56, 56),
    ("coldfusion", 14, 2, 2),
    ("commvault", 6, 6, 2),
    ("composer", 10, 10, 10),
    ("concrete-cms", 3, 0, 0),
    ("confluence", 30, 10, 8),
    ("consul", 15, 14, 14),
    ("containerd", 24, 20, 9),
    ("contao", 30, 24, 24),
    ("contour", 7, 7, 7),
    ("controlm", 12, 5, 4),
    ("cos", 16, 0, 0),
    ("couchbase-server", 22, 22, 0),
    ("craft-cms", 8, 8, 0),
    ("dbt-core", 25, 25, 24),
    ("dce", 6, 4, 0),
    ("debian", 36, 15, 14),
    ("deno", 10, 9, 9),
    ("dependency-track", 8, 8, 8),
    ("devuan", 6, 3, 3),
    ("discourse", 11, 8, 8),
    ("django", 46, 37, 36),
    ("docker-engine", 25, 12, 4),
    ("dotnet", 13, 13, 12),
    ("dotnetfx", 8, 8, 1),
    ("dovecot", 7, 7, 7),
    ("dropwizard", 5, 4, 0),
    ("drupal", 42, 39, 18),
    ("drush", 7, 7, 0),
    ("duckdb", 5, 5, 5),
    ("eclipse-jetty", 18, 9, 0),
    ("eclipse-temurin", 13, 13, 9),
    ("elasticsearch", 10, 8, 6),
    ("electron", 42, 41, 40),
    ("elixir", 28, 28, 28),
    ("emberjs", 84, 62, 62),
    ("envoy", 40, 40, 40),
    ("erlang", 25, 24, 24),
    ("eslint", 17, 17, 17),
    ("etcd", 6, 5, 4),
    ("eurolinux", 8, 2, 0),
    ("exim", 40, 30, 30),
    ("express", 3, 0, 0),
    ("fairphone", 9, 9, 1),
    ("fedora", 44, 30, 30),
    ("ffmpeg", 31, 19, 0),
    ("filemaker", 23, 23, 0),
    ("firefox", 53, 52, 51),
    ("fluent-bit", 12, 9, 9),
    ("flux", 8, 8, 7),
    ("font-awesome", 0, 0, 0),
    ("foreman", 47, 46, 46),
    ("forgejo", 10, 6, 6),
    ("fortios", 16, 16, 12),
    ("freebsd", 88, 85, 67),
    ("freedesktop-sdk", 5, 5, 5),
    ("gatekeeper", 11, 11, 11),
    ("gerrit", 15, 10, 10),
    ("ghc", 0, 0, 0),
    ("github-actions-runner-images", 10, 8, 0),
    ("gitlab", 132, 132, 132),
    ("gitlab-runner", 32, 32, 32),
    ("gleam", 18, 18, 18),
    ("go", 16, 16, 16),
    ("goaccess", 0, 0, 0),
    ("godot", 21, 9, 9),
    ("google-kubernetes-engine", 40, 6, 6),
    ("google-nexus", 19, 16, 9),
    ("gorilla", 0, 0, 0),
    ("graalvm-ce", 6, 6, 5),
    ("gradle", 15, 9, 9),
    ("grafana", 57, 51, 48),
    ("grafana-loki", 22, 22, 22),
    ("grails", 8, 4, 1),
    ("graylog", 27, 22, 22),
    ("greenlight", 1, 1, 0),
    ("grumphp", 0, 0, 0),
    ("grunt", 6, 6, 6),
    ("gstreamer", 0, 0, 0),
    ("guzzle", 4, 4, 0),
    ("haproxy", 25, 22, 19),
    ("haproxy-ingress", 1, 1, 0),
    ("harbor", 15, 14, 14),
    ("hashicorp-packer", 6, 6, 6),
    ("hashicorp-vault", 13, 10, 10),
    ("hbase", 4, 3, 0),
    ("hibernate-orm", 15, 15, 10),
    ("ibm-aix", 12, 12, 10),
    ("ibm-db2", 14, 14, 0),
    ("ibm-i", 32, 32, 0),
    ("ibm-mq", 16, 16, 0),
    ("ibm-semeru", 9, 8, 3),
    ("icinga", 33, 33, 32),
    ("icinga-web", 29, 29, 28),
    ("idl", 9, 9, 9),
    ("influxdb", 10, 9, 9),
    ("internet-explorer", 9, 5, 3),
    ("ionic", 24, 21, 7),
    ("ios", 25, 20, 14),
    ("ipados", 9, 6, 5),
    ("isc-dhcp", 4, 4, 2),
    ("istio", 24, 4, 4),
    ("jaeger", 1, 1, 0),
    ("jekyll", 3, 0, 0),
    ("jenkins", 17, 15, 15),
    // 9/8/8 until its catalog was written from the release notes: endoflife.date dates 9.0.0 by
    // its tag's UTC day (2026-03-11) and ends 8 on it; the notes and the tag say 2026-03-10.
    ("jhipster", 9, 7, 7),
    ("jira-software", 79, 35, 33),
    ("joomla", 8, 8, 0),
    ("jquery", 0, 0, 0),
    // 5/5 until its catalog was written from the tags: endoflife.date dates 1.12 by the
    // release candidate 1.12.0-rc.2 and ends 1.11 on that day; 1.12.0 came eleven weeks later
    // (rules/endoflife/OWN-RECORDS.txt).
    ("jquery-ui", 7, 4, 4),
    ("jreleaser", 2, 2, 2),
    ("jruby", 5, 4, 0),
    ("julia", 3, 3, 3),
    ("karpenter", 14, 13, 13),
    ("kde-plasma", 26, 21, 21),
    ("keda", 19, 19, 19),
    ("keycloak", 26, 24, 24),
    ("kibana", 12, 10, 8),
    ("kindle", 20, 20, 0),
    ("kirby", 20, 20, 6),
    ("knative", 38, 23, 23),
    ("kong-gateway", 20, 16, 16),
    ("kotlin", 11, 10, 10),
    ("kubernetes", 40, 40, 30),
    ("kubernetes-csi-node-driver-registrar", 17, 16, 16),
    ("kubernetes-node-feature-discovery", 6, 3, 3),
    ("kuma", 22, 22, 19),
    ("kyverno", 8, 7, 7),
    ("laravel", 20, 14, 9),
    ("ldap-account-manager", 11, 11, 11),
    ("libreoffice", 9, 9, 0),
    ("lineageos", 5, 4, 2),
    ("linux-kernel", 35, 10, 0),
    ("linuxmint", 21, 12, 12),
    ("liquibase", 1, 1, 1),
    ("log4j", 3, 0, 0),
    ("logstash", 9, 7, 5),
    ("longhorn", 12, 12, 12),
    ("looker", 62, 55, 31),
    ("lua", 13, 6, 0),
    ("macos", 19, 3, 3),
    ("mageia", 10, 3, 3),
    ("magento", 46, 8, 8),
    ("mandrel", 15, 2, 2),
    ("mariadb", 43, 32, 28),
    ("mastodon", 8, 6, 3),
    ("matomo", 8, 8, 5),
    ("mattermost", 56, 54, 53),
    ("mautic", 37, 29, 19),
    ("mediawiki", 16, 7, 7),
    ("meilisearch", 53, 53, 53),
    ("memcached", 2, 1, 1),
    ("metallb", 3, 3, 3),
    ("micronaut", 6, 6, 4),
    ("microsoft-build-of-openjdk", 4, 4, 0),
    ("mongodb", 32, 21, 8),
    ("moodle", 26, 20, 5),
    ("motorola-mobility", 155, 155, 21),
    ("msexchange", 20, 18, 10),
    ("mssqlserver", 78, 78, 49),
    ("mule-runtime", 32, 15, 15),
    ("mxlinux", 18, 8, 8),
    // 31/20/19 until its catalog was written from Oracle's release notes: endoflife.date dates
    // 8.1 to 9.4 by their source tags (rules/endoflife/OWN-RECORDS.txt).
    ("mysql", 31, 26, 25),
    ("neo4j", 69, 63, 54),
    ("neos", 16, 16, 0),
    ("netapp-ontap", 11, 9, 7),
    ("netbackup-appliance-os", 9, 9, 0),
    ("netbsd", 18, 17, 10),
    ("nextcloud", 26, 18, 18),
    ("nextjs", 7, 5, 5),
    ("nexus", 126, 126, 114),
    ("nginx", 21, 19, 19),
    ("nix", 36, 24, 24),
    ("nixos", 25, 19, 18),
    ("nodejs", 46, 38, 32),
    ("nokia", 66, 66, 10),
    ("nomad", 11, 11, 11),
    ("notepad-plus-plus", 9, 9, 9),
    ("numpy", 19, 11, 11),
    ("nutanix-aos", 46, 39, 37),
    ("nutanix-files", 26, 25, 25),
    ("nutanix-prism", 54, 54, 6),
    ("nuxt", 6, 6, 3),
    ("nvidia-driver", 76, 35, 11),
    ("nvm", 39, 39, 39),
    ("office", 20, 20, 17),
    ("omnissa-horizon", 22, 18, 18),
    ("oneplus", 24, 22, 21),
    ("oniguruma", 2, 2, 1),
    ("openbao", 6, 2, 2),
    ("openbsd", 59, 55, 55),
    ("openjdk-builds-from-oracle", 18, 16, 16),
    ("opensearch", 3, 3, 3),
    ("openssl", 14, 14, 9),
    ("opensuse", 21, 5, 3),
    ("opentofu", 6, 5, 4),
    ("openvpn", 12, 7, 3),
    ("openwrt", 14, 14, 9),
    ("openzfs", 9, 6, 6),
    ("opnsense", 23, 21, 21),
    ("oracle-apex", 16, 16, 0),
    ("oracle-database", 19, 13, 4),
    ("oracle-graalvm", 10, 8, 8),
    ("oracle-jdk", 33, 31, 19),
    ("oracle-linux", 8, 5, 2),
    ("oracle-solaris", 10, 0, 0),
    ("otobo", 1, 1, 0),
    ("ovirt", 6, 6, 1),
    ("pan-cortex-xdr", 38, 37, 3),
    ("pan-gp", 24, 24, 0),
    ("pan-os", 26, 26, 0),
    ("perl", 18, 17, 17),
    // 13/13/13 until its catalog was written from the tags: endoflife.date dates 1.6 by the
    // release candidate v1.6.0-rc.0 and ends 1.5's bug fixes on that day (OWN-RECORDS.txt).
    ("phoenix-framework", 13, 12, 12),
    ("php", 36, 36, 30),
    ("phpbb", 6, 5, 0),
    ("phpmyadmin", 23, 23, 8),
    ("pigeonhole", 4, 4, 4),
    ("pixel", 78, 52, 52),
    ("pixel-watch", 10, 8, 6),
    ("plesk", 33, 33, 27),
    ("plone", 14, 11, 3),
    ("pnpm", 7, 4, 1),
    ("podman", 25, 25, 24),
    ("pop-os", 11, 8, 8),
    ("postfix", 14, 11, 11),
    ("postgresql", 29, 29, 25),
    ("postmarketos", 9, 9, 9),
    ("powershell", 10, 9, 4),
    ("privatebin", 8, 5, 5),
    ("proftpd", 7, 7, 7),
    ("prometheus", 35, 35, 31),
    ("protractor", 14, 14, 0),
    ("proxmox-backup-server", 3, 2, 0),
    ("proxmox-datacenter-manager", 1, 1, 1),
    ("proxmox-mail-gateway", 5, 3, 1),
    ("proxmox-ve", 8, 8, 4),
    ("puppet", 5, 1, 0),
    ("python", 26, 26, 16),
    ("qt", 32, 28, 24),
    ("quarkus-framework", 65, 49, 42),
    ("quasar", 2, 2, 0),
    ("rabbitmq", 34, 23, 2),
    ("rancher", 32, 13, 13),
    ("react", 4, 3, 3),
    ("react-native", 51, 27, 27),
    ("red-hat-ansible-automation-platform", 12, 3, 3),
    ("red-hat-build-of-openjdk", 7, 7, 1),
    ("red-hat-jboss-eap", 18, 18, 13),
    ("red-hat-openshift", 49, 23, 23),
    ("red-hat-satellite", 40, 40, 0),
    ("redis", 19, 18, 13),
    ("redmine", 5, 4, 2),
    // 4/3/3 until its catalog was written from the tags: endoflife.date dates 40 to 42 by
    // their `-next.1` pre-releases and ends 41 on 42's (rules/endoflife/OWN-RECORDS.txt).
    ("renovate", 4, 2, 2),
    ("rhel", 21, 21, 17),
    ("robo", 0, 0, 0),
    ("rocket-chat", 156, 147, 140),
    ("rocky-linux", 6, 6, 6),
    ("ros", 4, 0, 0),
    ("ros-2", 12, 10, 3),
    ("roundcube", 6, 5, 4),
    ("routeros", 22, 22, 22),
    ("rtpengine", 25, 25, 0),
    ("ruby", 15, 15, 12),
    ("ruby-on-rails", 22, 15, 8),
    ("rust", 69, 42, 42),
    ("salt", 32, 31, 22),
    ("samsung-galaxy-tab", 70, 70, 41),
    ("samsung-galaxy-watch", 7, 7, 7),
    ("samsung-mobile", 399, 399, 179),
    ("sapmachine", 17, 12, 8),
    ("scala", 17, 13, 13),
    ("sharepoint", 10, 7, 5),
    ("shopware", 18, 10, 5),
    ("silverstripe", 28, 21, 16),
    ("slackware", 17, 16, 0),
    ("sles", 50, 39, 37),
    ("sns-firmware", 26, 26, 0),
    ("sns-smc", 22, 22, 0),
    ("solr", 4, 4, 2),
    ("sonarqube-community", 6, 6, 3),
    ("sonarqube-server", 26, 21, 16),
    ("sony-xperia", 24, 24, 0),
    ("sourcegraph", 2, 1, 1),
    ("splunk", 15, 10, 10),
    ("spring-boot", 34, 31, 29),
    ("spring-cloud", 14, 14, 14),
    ("spring-framework", 17, 16, 0),
    ("spring-security", 36, 35, 32),
    ("sqlite", 2, 2, 2),
    ("squid", 13, 12, 12),
    ("statamic", 10, 6, 4),
    ("steamos", 2, 0, 0),
    ("strapi", 4, 0, 0),
    ("surface", 59, 57, 28),
    ("suse-linux-micro", 9, 8, 7),
    ("suse-manager", 13, 13, 0),
    ("svelte", 8, 8, 8),
    ("symfony", 60, 52, 47),
    ("tails", 6, 2, 2),
    ("tailwind-css", 21, 21, 20),
    ("tarantool", 15, 15, 10),
    ("tarteaucitron", 0, 0, 0),
    ("telegraf", 38, 38, 38),
    ("teleport", 3, 3, 2),
    ("terraform", 14, 14, 14),
    ("thumbor", 8, 7, 7),
    ("tomcat", 7, 7, 0),
    ("traefik", 40, 38, 35),
    ("twig", 2, 1, 0),
    ("typo3", 24, 9, 9),
    ("ubuntu", 96, 49, 45),
    ("umbraco", 26, 21, 17),
    ("unity", 20, 15, 8),
    ("unrealircd", 6, 5, 0),
    // 8/8/6 until its catalog was written from the project's table: endoflife.date dates 7.2
    // by Redis 7.2.0, which an override corrected (rules/endoflife/OWN-RECORDS.txt).
    ("valkey", 8, 8, 8),
    ("veeam-backup-and-replication", 10, 10, 0),
    ("veeam-backup-for-microsoft-365", 13, 13, 0),
    ("veeam-one", 8, 8, 0),
    ("vinyl-cache", 10, 5, 5),
    ("virtualbox", 11, 11, 2),
    ("visionos", 2, 2, 2),
    ("visual-cobol", 12, 12, 7),
    ("visual-studio", 50, 49, 49),
    ("vitess", 12, 12, 12),
    ("vmware-cloud-foundation", 16, 5, 5),
    ("vmware-esxi", 10, 7, 3),
    ("vmware-harbor-registry", 13, 7, 6),
    ("vmware-photon", 4, 3, 1),
    ("vmware-srm", 15, 13, 7),
    ("vmware-vcenter", 11, 9, 5),
    ("vue", 26, 26, 26),
    ("vuetify", 6, 6, 0),
    ("wagtail", 72, 49, 47),
    ("watchos", 9, 9, 9),
    ("weakforced", 7, 5, 5),
    ("weechat", 20, 20, 20),
    ("windows", 95, 91, 64),
    ("windows-embedded", 12, 6, 6),
    ("windows-nano-server", 22, 18, 10),
    ("windows-powershell", 5, 5, 0),
    ("windows-server", 45, 41, 18),
    ("wireshark", 35, 32, 29),
    ("wordpress", 35, 33, 33),
    ("xcp-ng", 7, 6, 0),
    ("yarn", 2, 2, 0),
    ("yocto", 15, 15, 5),
    ("youtrack", 21, 21, 21),
    ("zabbix", 17, 17, 14),
    ("zentyal", 15, 15, 11),
    ("zerto", 44, 44, 0),
    // 8/4/1 until its catalog was written from the releases page: endoflife.date dates 3.5 to
    // 3.9 by release candidates (rules/endoflife/OWN-RECORDS.txt).
    ("zookeeper", 8, 5, 2),
];

/// The products covered before the library took in the whole corpus: the first target
/// (median 90% by rule alone) was set on them and must keep holding. apache-spark's 4.2
/// lost one date by rule when the importer stopped dating a line by a latest release
/// dated before the line's own release (`eol::endoflife-contradiction`): endoflife.date
/// counts that line's end from the contradictory date. phoenix-framework's 1.5 lost one when
/// its catalog was written from the tags: endoflife.date ends 1.5's bug fixes on the day of
/// the release candidate v1.6.0-rc.0, which its export takes for 1.6's release.
const FIRST_53: &[&str] = &[
    "angular",
    "apache-spark",
    "bazel",
    "cakephp",
    "centreon",
    "cert-manager",
    "cisco-ios-xe",
    "clickhouse",
    "cockroachdb",
    "composer",
    "debian",
    "deno",
    "dependency-track",
    "django",
    "dotnet",
    "eclipse-temurin",
    "elixir",
    "envoy",
    "erlang",
    "firefox",
    "foreman",
    "gitlab",
    "go",
    "grafana-loki",
    "icinga",
    "icinga-web",
    "kotlin",
    "kubernetes",
    "laravel",
    "meilisearch",
    "mongodb",
    "mssqlserver",
    "nginx",
    "nodejs",
    "openbsd",
    "otobo",
    "phoenix-framework",
    "php",
    "podman",
    "postgresql",
    "postmarketos",
    "python",
    "rhel",
    "routeros",
    "ruby",
    "rust",
    "spring-boot",
    "squid",
    "symfony",
    "ubuntu",
    "visual-studio",
    "windows",
    "windows-server",
];

fn eol(args: &[&str]) -> String {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let out = Command::new(env!("CARGO_BIN_EXE_eol"))
        .args(args)
        .current_dir(root)
        .env("NO_COLOR", "1")
        .output()
        .expect("run eol");
    assert!(
        out.status.success(),
        "eol {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn library_figures_do_not_drop_and_every_mismatch_has_a_reason() {
    let doc: serde_json::Value =
        serde_json::from_str(&eol(&["conform", "--at", AT, "--format", "json"])).unwrap();
    assert_eq!(
        doc["unexplained"], 0,
        "mismatches without a reason in rules/endoflife/REASONS.csv"
    );
    let products = doc["products"].as_array().unwrap();
    // On the day the data was taken no catalog is behind: every reason is REASONS.csv's,
    // but for a date still ahead that a rule waits for a release to give (Istio 1.29's end
    // is six weeks after 1.31, which the catalog of that day does not list yet).
    for p in products {
        for m in p["mismatches"].as_array().unwrap() {
            assert!(
                m["catalog_behind"].is_null() || m["published"].as_str() > Some(AT),
                "{}: {m}",
                p["product"]
            );
        }
    }
    assert!(
        products.len() >= 25,
        "the library has {} products",
        products.len()
    );
    for (name, compared, exact, by_rule) in RECORDED {
        let p = products
            .iter()
            .find(|p| p["product"] == *name)
            .unwrap_or_else(|| panic!("{name} is gone"));
        assert_eq!(p["compared"].as_u64(), Some(*compared), "{name}: compared");
        let (e, r) = (p["exact"].as_u64().unwrap(), p["by_rule"].as_u64().unwrap());
        assert!(e >= *exact, "{name}: {e} exact, recorded {exact}");
        assert!(
            r >= *by_rule,
            "{name}: {r} exact by rule alone, recorded {by_rule}"
        );
    }
}

/// A reason outlives the mismatch it was written for when a rule or a catalog is corrected:
/// every row of REASONS.csv must still cover a mismatch on the day the data was taken (one
/// the rules leave pending counts, since its row says why they wait), or be removed, so that
/// no reason is kept for a date the rules now reproduce.
#[test]
fn every_recorded_reason_still_covers_a_mismatch() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let doc: serde_json::Value =
        serde_json::from_str(&eol(&["conform", "--at", AT, "--format", "json"])).unwrap();
    let mismatches: Vec<(&str, &str, &str)> = doc["products"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| {
            p["mismatches"].as_array().unwrap().iter().map(move |m| {
                (
                    p["product"].as_str().unwrap(),
                    m["line"].as_str().unwrap(),
                    m["column"].as_str().unwrap(),
                )
            })
        })
        .collect();
    let mut reasons = csv::Reader::from_path(format!("{root}/rules/endoflife/REASONS.csv")).unwrap();
    let mut rows = 0;
    let mut stale = Vec::new();
    for row in reasons.records() {
        let row = row.unwrap();
        let (product, lines, column) = (&row[0], eol_engine::model::Glob(row[1].to_owned()), &row[2]);
        rows += 1;
        if !mismatches
            .iter()
            .any(|(p, l, c)| *p == product && lines.matches(l) && (column == "*" || *c == column))
        {
            stale.push(format!("{product},{},{column}", &row[1]));
        }
    }
    assert!(rows > 1000, "only {rows} reasons");
    assert!(
        stale.is_empty(),
        "REASONS.csv rows that cover no mismatch: {stale:?}"
    );
}

/// Months after the data was taken, the dates the rules wait for releases the catalogs do
/// not list yet are mismatches whose reason is the catalogs' age, not unexplained ones.
#[test]
fn a_later_day_explains_what_the_catalogs_do_not_list_yet() {
    let doc: serde_json::Value =
        serde_json::from_str(&eol(&["conform", "--at", "2026-12-02", "--format", "json"])).unwrap();
    assert_eq!(doc["unexplained"], 0);
    let behind: Vec<String> = doc["products"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| {
            p["mismatches"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|m| !m["catalog_behind"].is_null())
                .map(move |m| {
                    assert_eq!(m["kind"], "pending", "{m}");
                    assert!(m["computed"].is_null(), "{m}");
                    assert!(m["published"].as_str() > m["catalog_behind"].as_str(), "{m}");
                    format!(
                        "{} {} {}",
                        p["product"].as_str().unwrap(),
                        m["line"].as_str().unwrap(),
                        m["column"].as_str().unwrap()
                    )
                })
        })
        .collect();
    assert_eq!(
        behind,
        [
            "ansible-core 2.19 eol",
            "azul-zulu 26 eol",
            "bellsoft-liberica 26 eol",
            "blender 5.2 eoas",
            "chrome 151 eol",
            "discourse 2026.7 eol",
            "discourse 2026.6 eol",
            "discourse 2026.1 eol",
            "electron 42 eol",
            "electron 41 eol",
            "fedora 43 eol",
            "forgejo 16.0 eol",
            "freebsd 14.4 eol",
            "gitlab-runner 19.3 eoas",
            "gitlab-runner 19.3 eol",
            "gitlab-runner 19.2 eol",
            "gitlab-runner 19.1 eol",
            "gitlab 19.3 eoas",
            "gitlab 19.3 eol",
            "gitlab 19.2 eol",
            "gitlab 19.1 eol",
            "ibm-semeru 26 eol",
            "istio 1.30 eol",
            "istio 1.29 eol",
            "knative 1.22 eol",
            "numpy 2.5 eol",
            "numpy 2.4 eol",
            "numpy 2.3 eol",
            "openbsd 7.8 eol",
            "openjdk-builds-from-oracle 26 eol",
            "oracle-jdk 26 eol",
            "qt 6.11 eol",
            "red-hat-openshift 4.22 eoas",
            "sapmachine 26 eol",
            "vinyl-cache 8.0 eol",
            "wagtail 7.3 eol",
            "wagtail 7.0 eoas",
            "wagtail 7.0 eol",
        ]
    );
}

/// The products the library covers beyond endoflife.date's corpus of 181 (exported from
/// endoflife.date's repository: docs/sources.md). The corpus target is measured without them.
const BEYOND_CORPUS: &[&str] = &[
    "akeneo-pim",
    "alibaba-ack",
    "alibaba-dragonwell",
    "almalinux",
    "amazon-aurora-postgresql",
    "amazon-cdk",
    "amazon-corretto",
    "amazon-documentdb",
    "amazon-eks",
    "amazon-elasticache-redis",
    "amazon-glue",
    "amazon-linux",
    "amazon-mq-activemq",
    "amazon-mq-rabbitmq",
    "amazon-msk",
    "amazon-neptune",
    "amazon-opensearch",
    "amazon-rds-mariadb",
    "amazon-rds-mysql",
    "amazon-rds-postgresql",
    "android",
    "angularjs",
    "ansible",
    "ansible-core",
    "apache-airflow",
    "apache-ant",
    "apache-apisix",
    "apache-flink",
    "apache-http-server",
    "apache-kafka",
    "apache-lucene",
    "apache-maven",
    "apache-pulsar",
    "apache-struts",
    "apache-subversion",
    "apple-watch",
    "arangodb",
    "artifactory",
    "aws-lambda",
    "azul-zulu",
    "azure-database-for-mysql",
    "azure-database-for-postgresql",
    "azure-devops-server",
    "azure-kubernetes-service",
    "bamboo",
    "beats",
    "behat",
    "bellsoft-liberica",
    "big-ip",
    "bitbucket",
    "blender",
    "bootstrap",
    "bun",
    "caddy",
    "calico",
    "centos",
    "centos-stream",
    "cfengine",
    "checkmk",
    "chef-workstation",
    "ckeditor",
    "clamav",
    "clearlinux",
    "cloud-sql-auth-proxy",
    "cnspec",
    "coldfusion",
    "commvault",
    "concrete-cms",
    "confluence",
    "containerd",
    "contao",
    "controlm",
    "cos",
    "couchbase-server",
    "craft-cms",
    "dce",
    "devuan",
    "discourse",
    "dotnetfx",
    "dropwizard",
    "drush",
    "duckdb",
    "eclipse-jetty",
    "elasticsearch",
    "electron",
    "emberjs",
    "eslint",
    "eurolinux",
    "express",
    "fairphone",
    "fedora",
    "ffmpeg",
    "filemaker",
    "font-awesome",
    "forgejo",
    "fortios",
    "freedesktop-sdk",
    "ghc",
    "github-actions-runner-images",
    "godot",
    "google-kubernetes-engine",
    "google-nexus",
    "gorilla",
    "gradle",
    "grails",
    "greenlight",
    "grumphp",
    "guzzle",
    "haproxy-ingress",
    "hashicorp-packer",
    "hashicorp-vault",
    "hbase",
    "ibm-aix",
    "ibm-db2",
    "ibm-i",
    "ibm-mq",
    "ibm-semeru",
    "internet-explorer",
    "ionic",
    "ipados",
    "isc-dhcp",
    "istio",
    "jaeger",
    "jekyll",
    "jira-software",
    "joomla",
    "jquery",
    "jquery-ui",
    "jreleaser",
    "julia",
    "kibana",
    "kindle",
    "knative",
    "kuma",
    "libreoffice",
    "lineageos",
    "linux-kernel",
    "linuxmint",
    "log4j",
    "logstash",
    "longhorn",
    "looker",
    "lua",
    "macos",
    "mageia",
    "magento",
    "mandrel",
    "mariadb",
    "mastodon",
    "mattermost",
    "mautic",
    "mediawiki",
    "metallb",
    "micronaut",
    "microsoft-build-of-openjdk",
    "moodle",
    "motorola-mobility",
    "msexchange",
    "mule-runtime",
    "mxlinux",
    "neos",
    "netapp-ontap",
    "nextcloud",
    "nixos",
    "numpy",
    "nutanix-aos",
    "nutanix-files",
    "nutanix-prism",
    "nvidia-driver",
    "office",
    "omnissa-horizon",
    "oneplus",
    "oniguruma",
    "opensearch",
    "openssl",
    "opensuse",
    "opentofu",
    "openvpn",
    "oracle-apex",
    "oracle-database",
    "oracle-linux",
    "oracle-solaris",
    "pan-cortex-xdr",
    "pan-gp",
    "pan-os",
    "perl",
    "phpbb",
    "phpmyadmin",
    "pixel",
    "pixel-watch",
    "plone",
    "pnpm",
    "pop-os",
    "powershell",
    "protractor",
    "proxmox-backup-server",
    "proxmox-datacenter-manager",
    "proxmox-mail-gateway",
    "proxmox-ve",
    "puppet",
    "quasar",
    "rabbitmq",
    "rancher",
    "react",
    "react-native",
    "red-hat-ansible-automation-platform",
    "red-hat-build-of-openjdk",
    "red-hat-jboss-eap",
    "red-hat-openshift",
    "red-hat-satellite",
    "redis",
    "redmine",
    "rocky-linux",
    "ros",
    "ros-2",
    "roundcube",
    "rtpengine",
    "ruby-on-rails",
    "salt",
    "sharepoint",
    "silverstripe",
    "slackware",
    "sles",
    "sns-firmware",
    "sns-smc",
    "sony-xperia",
    "splunk",
    "spring-cloud",
    "spring-framework",
    "spring-security",
    "sqlite",
    "statamic",
    "steamos",
    "strapi",
    "surface",
    "suse-linux-micro",
    "suse-manager",
    "svelte",
    "tarantool",
    "tarteaucitron",
    "tomcat",
    "traefik",
    "twig",
    "typo3",
    "umbraco",
    "unrealircd",
    "valkey",
    "veeam-backup-and-replication",
    "veeam-backup-for-microsoft-365",
    "veeam-one",
    "vinyl-cache",
    "visionos",
    "visual-cobol",
    "vitess",
    "vmware-cloud-foundation",
    "vmware-esxi",
    "vmware-harbor-registry",
    "vmware-photon",
    "vmware-srm",
    "vmware-vcenter",
    "vue",
    "vuetify",
    "wagtail",
    "weakforced",
    "windows-embedded",
    "windows-nano-server",
    "windows-powershell",
    "xcp-ng",
    "yarn",
    "zabbix",
    "zentyal",
    "zerto",
    "zookeeper",
];

/// The library's targets: the products covered first keep a median of at least 90% of
/// their published dates by rule alone; the median of the corpus's products with a stated
/// policy does not drop below what it reached when the library took in the whole corpus
/// (84.2%, 85.3% since .NET Core 2.1's LTS release and authentik's release tags joined their
/// catalogs: the 90% asked for is not met, see docs/conformance.md), nor does the whole
/// library's (72.7% with the 273 products beyond the corpus: it was 80.0% with 46 of them;
/// the 227 added in December 2026 are mostly vendors that set dates per release or state
/// terms they then extend, and no product's own figures dropped, which `RECORDED` checks);
/// every product with a mechanical formula in FORMULAS.csv ties or beats it by rule alone
/// on the formula's own columns (counting the published dates each reproduces:
/// `Conformance::against`), the formula run on the same release days as the rules.
#[test]
fn library_meets_its_targets() {
    let doc: serde_json::Value =
        serde_json::from_str(&eol(&["conform", "--at", AT, "--format", "json"])).unwrap();
    let products = doc["products"].as_array().unwrap();
    let mut first: Vec<f64> = FIRST_53
        .iter()
        .map(|name| {
            let p = products.iter().find(|p| p["product"] == *name).unwrap();
            p["by_rule"].as_f64().unwrap() / p["compared"].as_f64().unwrap()
        })
        .collect();
    first.sort_by(f64::total_cmp);
    let first_median = (first[first.len() / 2 - 1 + first.len() % 2] + first[first.len() / 2]) / 2.0;
    assert!(
        first_median >= 0.9,
        "median of the first 53 products by rule alone: {first_median:.3}"
    );
    let mut corpus: Vec<f64> = products
        .iter()
        .filter(|p| p["basis"] == "stated" && p["compared"].as_u64() > Some(0))
        .filter(|p| !BEYOND_CORPUS.contains(&p["product"].as_str().unwrap()))
        .map(|p| p["by_rule"].as_f64().unwrap() / p["compared"].as_f64().unwrap())
        .collect();
    assert_eq!(corpus.len(), 155);
    corpus.sort_by(f64::total_cmp);
    let corpus_median = (corpus[corpus.len() / 2 - 1 + corpus.len() % 2] + corpus[corpus.len() / 2]) / 2.0;
    assert!(
        corpus_median >= 0.852,
        "median product of the corpus with a stated policy, by rule alone: {corpus_median:.3}"
    );
    let median = doc["median_rule_rate"].as_f64().unwrap();
    assert!(
        median >= 0.727,
        "median product with a stated policy, by rule alone: {median:.3}"
    );
    // not vacuous: every product beyond the corpus is in the library
    for name in BEYOND_CORPUS {
        assert!(products.iter().any(|p| p["product"] == *name), "{name}");
    }
    // The formula runs on the catalog's release days, as the rules do (`on_catalog`), and no
    // product falls behind it. Where the catalog is the import of the export, that run is the
    // recorded check itself: the same exact matches, for every one of them. Where it is
    // written from the project's records (OWN-RECORDS.txt), the counts differ with the
    // release days (Renovate's 3/4 on the export's pre-release days is 2 on the releases').
    let own = own_records();
    let mut rerun_differs = Vec::new();
    for p in products.iter().filter(|p| !p["formula"].is_null()) {
        let (f, name) = (&p["formula"], p["product"].as_str().unwrap());
        assert_ne!(f["versus"], "behind", "{name} falls behind its formula: {f}");
        assert!(
            f["on_catalog"].is_u64(),
            "{name}: the formula's shape was not read: {f}"
        );
        if f["on_catalog"] != f["exact"] {
            assert!(own.iter().any(|o| o == name), "{name}: {f}");
            rerun_differs.push(name);
        }
    }
    assert_eq!(
        rerun_differs,
        [
            "dbt-core",
            "jhipster",
            "openzfs",
            "phoenix-framework",
            "renovate",
            "vitess"
        ],
        "products whose formula gives other counts on their catalog"
    );
    // not vacuous: the products with a formula are all there
    let with_formula = products.iter().filter(|p| !p["formula"].is_null()).count();
    // 93 of the corpus, and Gradle, Calico, Vault, HashiCorp Packer, Ionic, Vitess, cnspec
    // and the Freedesktop SDK: FORMULAS.csv has rows for products beyond the corpus too
    assert_eq!(with_formula, 101);
}

#[test]
fn docs_conformance_md_is_up_to_date() {
    let fresh = eol(&["conform", "--at", AT, "--format", "markdown"]);
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let recorded = std::fs::read_to_string(format!("{root}/docs/conformance.md")).unwrap();
    assert!(fresh == recorded, "docs/conformance.md is out of date: run `eol conform --at {AT} --format markdown > docs/conformance.md`");
}

/// The products of rules/endoflife/OWN-RECORDS.txt: an export here, but a catalog written
/// from the project's own records because the export's release dates or flags are wrong, or it
/// lacks a release the policy counts from.
fn own_records() -> Vec<String> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    std::fs::read_to_string(format!("{root}/rules/endoflife/OWN-RECORDS.txt"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split_whitespace().next().unwrap().to_owned())
        .collect()
}

/// The library's catalogs are exactly what `scripts/import-endoflife.sh` produces
/// from the endoflife.date exports in rules/endoflife/: built by a repeatable import,
/// never edited by hand. The few written from a project's own records instead
/// (OWN-RECORDS.txt) have an export, name a source on every row and hold a release of
/// every cycle of the export.
#[test]
fn library_catalogs_are_the_import_of_the_published_data() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let own = own_records();
    assert!(!own.is_empty());
    let mut checked = 0;
    for product in &own {
        assert!(
            std::path::Path::new(&format!("{root}/rules/endoflife/{product}.csv")).is_file(),
            "OWN-RECORDS.txt lists {product}, which has no export"
        );
        let mut catalog = csv::Reader::from_path(format!("{root}/rules/{product}.releases.csv")).unwrap();
        let source = catalog.headers().unwrap().iter().position(|h| h == "source");
        let source = source.unwrap_or_else(|| panic!("rules/{product}.releases.csv has no source column"));
        for row in catalog.records() {
            let row = row.unwrap();
            assert!(
                !row.get(source).unwrap_or_default().is_empty(),
                "rules/{product}.releases.csv: a row without a source: {row:?}"
            );
        }
        // written from other records, it still has a release in every cycle of the export
        let versions: Vec<String> = csv::Reader::from_path(format!("{root}/rules/{product}.releases.csv"))
            .unwrap()
            .records()
            .map(|r| r.unwrap()[1].to_owned())
            .collect();
        let mut export = csv::Reader::from_path(format!("{root}/rules/endoflife/{product}.csv")).unwrap();
        for cycle in export.records() {
            let cycle = cycle.unwrap()[0].to_owned();
            assert!(
                versions.iter().any(|v| *v == cycle
                    || v.strip_prefix(cycle.as_str())
                        .is_some_and(|rest| rest.starts_with('.'))),
                "rules/{product}.releases.csv has no release of the export's cycle {cycle}"
            );
        }
    }
    for entry in std::fs::read_dir(format!("{root}/rules/endoflife")).unwrap() {
        let path = entry.unwrap().path();
        let product = path.file_stem().unwrap().to_string_lossy().into_owned();
        if product == "FORMULAS"
            || product == "REASONS"
            || path.extension().is_none_or(|e| e != "csv")
            || own.contains(&product)
        {
            continue;
        }
        let imported = eol(&[
            "import",
            "endoflife-csv",
            &format!("rules/endoflife/{product}.csv"),
            "--product",
            &product,
        ]);
        let committed = std::fs::read_to_string(format!("{root}/rules/{product}.releases.csv")).unwrap();
        assert!(
            imported == committed,
            "rules/{product}.releases.csv differs from its import; run scripts/import-endoflife.sh"
        );
        checked += 1;
    }
    assert!(checked >= 25, "only {checked} library catalogs");
}

/// The worst answer is a wrong "still supported". Where the published data marks a line's
/// end of life as passed without a date (`eol` = `true`), the rules must not leave that
/// line in a phase: they give its end (an override, or `no_later_than` when nobody
/// published the day), never "end not known yet". Where it gives a passed date, the rules
/// may give another end (a vendor's extension the export has not caught up with, with its
/// reason), but not none: a line whose end the rules cannot compute would be answered
/// supported with no end (BellSoft Liberica 6 and 7 were, until their last free updates
/// were written in). Extended support with no end yet (Log4j's advisories-only
/// End-of-maintenance, Vault Enterprise's) is told as extended support, not as support.
#[test]
fn no_line_published_as_ended_is_answered_supported() {
    let doc: serde_json::Value =
        serde_json::from_str(&eol(&["eval", "--at", AT, "--format", "json"])).unwrap();
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../rules/endoflife");
    let (mut checked, mut dated) = (0, 0);
    for product in doc["products"].as_array().unwrap() {
        let id = product["id"].as_str().unwrap();
        let Ok(mut published) = csv::Reader::from_path(format!("{root}/{id}.csv")) else {
            continue;
        };
        let header = published.headers().unwrap().clone();
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let (cycle, eol_col) = (col("cycle"), col("eol"));
        for row in published.records() {
            let row = row.unwrap();
            let eol = row.get(eol_col).unwrap_or_default();
            let passed_date = eol.len() == 10 && eol < AT;
            if eol != "true" && !passed_date {
                continue;
            }
            let line = row.get(cycle).unwrap();
            let found = product["lines"]
                .as_array()
                .unwrap()
                .iter()
                .find(|l| l["line"] == line)
                .unwrap_or_else(|| panic!("{id} {line} is not evaluated"));
            if eol == "true" {
                assert_eq!(
                    found["status"]["state"], "end-of-life",
                    "{id} {line}: published as ended, answered {}",
                    found["status"]
                );
                checked += 1;
            } else {
                // an extended phase (paid, or advisories only) is told as such, not as support
                let phase = found["phases"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|p| p["id"] == found["status"]["phase"]);
                let extended = phase.is_some_and(|p| p["role"] == "extended");
                assert!(
                    extended || found["status"]["until"]["kind"] != "pending",
                    "{id} {line}: published as ended on {eol}, answered with no end: {}",
                    found["status"]
                );
                dated += 1;
            }
        }
    }
    // not vacuous: Samsung's watches and phones, Robo, Shopware and others
    assert!(checked >= 50, "only {checked} lines published as ended");
    assert!(dated >= 2000, "only {dated} lines published as ended on a date");
}

/// Every rule file and catalog of the library checks clean, warnings included: a warning
/// about a bundled catalog would reach every operator's terminal (a Java build's legacy
/// `1.8.0.472` beside its line `8` once read as older than the line's first release).
#[test]
fn the_library_checks_clean() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let out = Command::new(env!("CARGO_BIN_EXE_eol"))
        .args(["check", "--deny-warnings", "rules"])
        .current_dir(root)
        .env("NO_COLOR", "1")
        .output()
        .expect("run eol");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.ends_with(" files: 0 errors, 0 warnings\n"), "{stderr}");
}
