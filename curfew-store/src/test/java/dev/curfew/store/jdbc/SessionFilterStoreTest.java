package dev.curfew.store.jdbc;

import static dev.curfew.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.curfew.core.client.Client;
import dev.curfew.core.group.Group;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.ClientSession;
import dev.curfew.core.session.IpRange;
import dev.curfew.core.session.Page;
import dev.curfew.core.session.SessionFilter;
import dev.curfew.core.session.SessionQuery;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.session.UserSpread;
import dev.curfew.core.user.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SessionFilter} evaluated by the database: each condition alone, combined, with paging and totals. */
class SessionFilterStoreTest extends StoreContract {
    private Realm realm;
    private User alice;
    private User bob;
    private User carol;

    @BeforeEach
    void createRealm() {
        realm = given.realm("acme");
        alice = given.user(realm, "alice");
        bob = given.user(realm, "bob");
        carol = given.user(realm, "carol");
    }

    @Test
    void emptyFilterFindsEverySessionOfTheRealmOnly() {
        UserSession a = given.session(alice, T0);
        UserSession b = given.session(bob, T0.plusSeconds(1));
        given.session(given.user(given.realm("other"), "dave"), T0);

        assertThat(find(SessionFilter.ALL)).containsExactly(b, a);
        assertThat(count(SessionFilter.ALL)).isEqualTo(2);
    }

    @Test
    void userIdsMatchSessionsOfAnyOfTheUsers() {
        UserSession a = given.session(alice, T0);
        UserSession b = given.session(bob, T0.plusSeconds(1));
        given.session(carol, T0.plusSeconds(2));

        SessionFilter filter = SessionFilter.ALL.withUserIds(Set.of(alice.id(), bob.id()));

        assertThat(find(filter)).containsExactly(b, a);
        assertThat(count(filter)).isEqualTo(2);
    }

    @Test
    void groupIdsMatchSessionsOfMembersOfAnyOfTheGroupsAsTheyAreNow() {
        Group sales = new Group("g-sales", realm.id(), "Sales", T0);
        Group finance = new Group("g-finance", realm.id(), "Finance", T0);
        store.groups().create(sales);
        store.groups().create(finance);
        store.groups().addMember(sales.id(), alice.id());
        store.groups().addMember(finance.id(), bob.id());
        store.groups().addMember(finance.id(), alice.id());
        UserSession a = given.session(alice, T0);
        UserSession b = given.session(bob, T0.plusSeconds(1));
        given.session(carol, T0.plusSeconds(2));

        SessionFilter filter = SessionFilter.ALL.withGroupIds(Set.of(sales.id(), finance.id()));
        assertThat(find(filter)).containsExactly(b, a);
        assertThat(count(filter)).isEqualTo(2);
        assertThat(find(SessionFilter.ALL.withGroupIds(Set.of(sales.id())))).containsExactly(a);

        store.groups().removeMember(sales.id(), alice.id());
        assertThat(count(SessionFilter.ALL.withGroupIds(Set.of(sales.id())))).isZero();
        assertThat(count(SessionFilter.ALL.withGroupIds(Set.of("no-such-group"))))
                .isZero();
    }

    @Test
    void ipv4CidrMatchesAddressesInTheRangeOnly() {
        UserSession low = given.session(alice, "10.0.0.0", "", Set.of());
        UserSession high = given.session(alice, "10.255.255.255", "", Set.of());
        given.session(alice, "11.0.0.0", "", Set.of());
        given.session(alice, "9.255.255.255", "", Set.of());
        given.session(alice, "2001:db8::1", "", Set.of());
        given.session(alice, "", "", Set.of());
        given.session(alice, "not-an-address", "", Set.of());

        assertThat(ids(ip("10.0.0.0/8"))).containsExactlyInAnyOrder(low.id(), high.id());
        assertThat(count(ip("10.0.0.0/8"))).isEqualTo(2);
    }

    @Test
    void ipv6CidrMatchesAddressesInTheRangeOnly() {
        UserSession first = given.session(alice, "2001:db8::", "", Set.of());
        UserSession last = given.session(alice, "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "", Set.of());
        UserSession shortForm = given.session(alice, "2001:DB8:0:0::42", "", Set.of());
        given.session(alice, "2001:db9::", "", Set.of());
        given.session(alice, "2001:db7:ffff::1", "", Set.of());
        given.session(alice, "192.0.2.1", "", Set.of());

        assertThat(ids(ip("2001:db8::/32"))).containsExactlyInAnyOrder(first.id(), last.id(), shortForm.id());
    }

    @Test
    void singleAddressMatchesThatAddressInAnyNotation() {
        UserSession plain = given.session(alice, "192.0.2.1", "", Set.of());
        UserSession mapped = given.session(alice, "::ffff:192.0.2.1", "", Set.of());
        given.session(alice, "192.0.2.2", "", Set.of());
        UserSession v6 = given.session(alice, "2001:db8::1", "", Set.of());
        given.session(alice, "2001:db8::2", "", Set.of());

        assertThat(ids(ip("192.0.2.1"))).containsExactlyInAnyOrder(plain.id(), mapped.id());
        assertThat(ids(ip("2001:0db8:0000::0001"))).containsExactly(v6.id());
    }

    @Test
    void wholeInternetRangesMatchEveryAddressOfTheirFamily() {
        UserSession v4 = given.session(alice, "203.0.113.9", "", Set.of());
        UserSession v6 = given.session(alice, "2001:db8::9", "", Set.of());
        given.session(alice, "", "", Set.of());

        assertThat(ids(ip("0.0.0.0/0"))).containsExactly(v4.id());
        assertThat(ids(ip("::/0"))).containsExactlyInAnyOrder(v4.id(), v6.id());
    }

    @Test
    void userAgentMatchesASubstringWhateverItsCase() {
        UserSession linux = given.session(alice, "", "Mozilla/5.0 (X11; Linux x86_64)", Set.of());
        UserSession upper = given.session(alice, "", "CURL/8.0 LINUX", Set.of());
        given.session(alice, "", "Mozilla/5.0 (Windows NT 10.0)", Set.of());

        assertThat(ids(userAgent("linux"))).containsExactlyInAnyOrder(linux.id(), upper.id());
        assertThat(ids(userAgent("LiNuX X86"))).containsExactly(linux.id());
    }

    @Test
    void userAgentWildcardsAndEscapeCharacterMatchThemselves() {
        UserSession percent = given.session(alice, "", "Bot 100% sure_thing!", Set.of());
        given.session(alice, "", "Bot 1000 sureXthing", Set.of());
        given.session(alice, "", "Bot 100 sure thing", Set.of());

        assertThat(ids(userAgent("0% sure_"))).containsExactly(percent.id());
        assertThat(ids(userAgent("%"))).containsExactly(percent.id());
        assertThat(ids(userAgent("_"))).containsExactly(percent.id());
        assertThat(ids(userAgent("thing!"))).containsExactly(percent.id());
    }

    @Test
    void createdAndLastActiveBoundsAreStrict() {
        UserSession early = given.session(alice, T0);
        UserSession middle = given.session(alice, T0.plusSeconds(10));
        UserSession late = given.session(alice, T0.plusSeconds(20));
        store.sessions().touch(early.id(), T0.plusSeconds(30));

        assertThat(ids(SessionFilter.ALL.withCreatedBefore(Optional.of(T0.plusSeconds(10)))))
                .containsExactly(early.id());
        assertThat(ids(SessionFilter.ALL.withCreatedAfter(Optional.of(T0.plusSeconds(10)))))
                .containsExactly(late.id());
        assertThat(ids(SessionFilter.ALL
                        .withCreatedAfter(Optional.of(T0))
                        .withCreatedBefore(Optional.of(T0.plusSeconds(20)))))
                .containsExactly(middle.id());
        assertThat(ids(SessionFilter.ALL.withLastActiveBefore(Optional.of(T0.plusSeconds(20)))))
                .containsExactly(middle.id());
    }

    @Test
    void authMethodsPresentMustAllHaveBeenUsed() {
        UserSession pwd = given.session(alice, "", "", Set.of("pwd"));
        UserSession both = given.session(alice, "", "", Set.of("pwd", "otp"));
        UserSession otp = given.session(alice, "", "", Set.of("otp"));
        given.session(alice, "", "", Set.of());

        assertThat(ids(amr(Set.of("pwd"), Set.of()))).containsExactlyInAnyOrder(pwd.id(), both.id());
        assertThat(ids(amr(Set.of("pwd", "otp"), Set.of()))).containsExactly(both.id());
        assertThat(ids(amr(Set.of("otp"), Set.of()))).containsExactlyInAnyOrder(both.id(), otp.id());
    }

    @Test
    void authMethodsAbsentMustNoneHaveBeenUsed() {
        UserSession pwd = given.session(alice, "", "", Set.of("pwd"));
        given.session(alice, "", "", Set.of("pwd", "otp"));
        given.session(alice, "", "", Set.of("otp", "hwk"));
        UserSession none = given.session(alice, "", "", Set.of());

        assertThat(ids(amr(Set.of(), Set.of("otp")))).containsExactlyInAnyOrder(pwd.id(), none.id());
        assertThat(ids(amr(Set.of(), Set.of("otp", "pwd")))).containsExactly(none.id());
        assertThat(ids(amr(Set.of("pwd"), Set.of("otp")))).containsExactly(pwd.id());
    }

    @Test
    void authMethodMatchesWholeMethodsOnlyAndItsWildcardsLiterally() {
        UserSession exact = given.session(alice, "", "", Set.of("hw_k"));
        UserSession longer = given.session(alice, "", "", Set.of("pwdless", "mfa"));
        UserSession lookalike = given.session(alice, "", "", Set.of("hwak"));

        assertThat(ids(amr(Set.of("hw_k"), Set.of()))).containsExactly(exact.id());
        assertThat(ids(amr(Set.of("pwd"), Set.of()))).isEmpty();
        assertThat(ids(amr(Set.of("mfa"), Set.of()))).containsExactly(longer.id());
        assertThat(ids(amr(Set.of("%"), Set.of()))).isEmpty();
        assertThat(ids(amr(Set.of(), Set.of("hw_k")))).containsExactlyInAnyOrder(longer.id(), lookalike.id());
    }

    @Test
    void conditionsCombineWithAnd() {
        Client app = given.client(realm, "app");
        UserSession match = session(alice, "10.1.2.3", "Firefox", Set.of("pwd", "otp"), T0.plusSeconds(5), app);
        session(bob, "10.1.2.3", "Firefox", Set.of("pwd", "otp"), T0.plusSeconds(5), app);
        session(alice, "10.1.2.3", "Firefox", Set.of("pwd", "otp"), T0.plusSeconds(5));
        session(alice, "172.16.0.1", "Firefox", Set.of("pwd", "otp"), T0.plusSeconds(5), app);
        session(alice, "10.1.2.3", "Chrome", Set.of("pwd", "otp"), T0.plusSeconds(5), app);
        session(alice, "10.1.2.3", "Firefox", Set.of("pwd"), T0.plusSeconds(5), app);
        session(alice, "10.1.2.3", "Firefox", Set.of("pwd", "otp", "sms"), T0.plusSeconds(5), app);
        session(alice, "10.1.2.3", "Firefox", Set.of("pwd", "otp"), T0, app);

        SessionFilter filter = SessionFilter.ofUser(alice.id())
                .withClientId(Optional.of(app.id()))
                .withIpRange(Optional.of(IpRange.parse("10.0.0.0/8")))
                .withUserAgentContains(Optional.of("firefox"))
                .withCreatedAfter(Optional.of(T0))
                .withAuthMethods(Set.of("otp"), Set.of("sms"));

        assertThat(find(filter)).containsExactly(match);
        assertThat(count(filter)).isEqualTo(1);
        assertThat(store.sessions().matchingIds(realm.id(), filter, Optional.empty(), 10))
                .containsExactly(match.id());
    }

    @Test
    void pagesAndTotalCountOnlyMatchingSessions() {
        List<UserSession> linux = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String agent = i % 3 == 0 ? "Windows" : "Linux";
            UserSession session = session(alice, "192.0.2.1", agent, Set.of("pwd"), T0.plusSeconds(i));
            if (agent.equals("Linux")) {
                linux.addFirst(session);
            }
        }
        SessionFilter filter = userAgent("linux");

        assertThat(store.sessions().find(new SessionQuery(realm.id(), filter, new Page(0, 3))))
                .containsExactlyElementsOf(linux.subList(0, 3));
        assertThat(store.sessions().find(new SessionQuery(realm.id(), filter, new Page(6, 3))))
                .containsExactlyElementsOf(linux.subList(6, 8));
        assertThat(count(filter)).isEqualTo(8);
    }

    /**
     * The SQL and {@link SessionFilter#matches} must agree, or the admin would see one set of sessions and
     * sign out another. Random sessions, random filters, seeded so that a failure repeats.
     */
    @Test
    void sqlAgreesWithMatchesOnRandomSessionsAndFilters() {
        Random random = new Random(20260301);
        List<User> users = List.of(alice, bob, carol);
        List<Client> clients = List.of(given.client(realm, "app"), given.client(realm, "api"));
        List<String> addresses = List.of(
                "10.0.0.1", "10.200.3.4", "192.0.2.1", "192.0.2.255", "2001:db8::1", "2001:db8:1::", "::1", "", "x");
        List<String> agents = List.of("Mozilla Firefox", "FIREFOX mobile", "curl/8", "100% bot_", "", "Chrome");
        List<String> methods = List.of("pwd", "otp", "hwk", "sms");
        List<String> groups = List.of("g-1", "g-2", "g-empty");
        Map<String, Set<String>> groupsOf = new HashMap<>();
        for (String group : groups) {
            store.groups().create(new Group(group, realm.id(), group, T0));
        }
        for (User user : users) {
            Set<String> joined = new HashSet<>();
            for (String group : groups.subList(0, 2)) {
                if (random.nextBoolean()) {
                    store.groups().addMember(group, user.id());
                    joined.add(group);
                }
            }
            groupsOf.put(user.id(), joined);
        }
        Map<String, UserSession> sessions = new HashMap<>();
        Map<String, Set<String>> clientsOf = new HashMap<>();
        for (int i = 0; i < 60; i++) {
            Instant created = T0.plusSeconds(i * 7L % 60);
            UserSession session = Fixtures.newSession(
                    pick(random, users),
                    created,
                    created.plusSeconds(random.nextInt(60)),
                    pick(random, addresses),
                    pick(random, agents),
                    subset(random, methods));
            store.sessions().create(session);
            Set<String> used = new HashSet<>();
            for (Client client : clients) {
                if (random.nextBoolean()) {
                    store.sessions()
                            .recordClientSession(new ClientSession(session.id(), client.id(), created, created));
                    used.add(client.id());
                }
            }
            sessions.put(session.id(), session);
            clientsOf.put(session.id(), used);
        }
        Map<String, UserSpread> spreadOf = new HashMap<>();
        for (User user : users) {
            spreadOf.put(
                    user.id(),
                    UserSpread.of(sessions.values().stream()
                            .filter(s -> s.userId().equals(user.id()))
                            .toList()));
        }
        List<String> ranges = List.of("10.0.0.0/8", "192.0.2.0/24", "192.0.2.1", "2001:db8::/32", "::/0", "0.0.0.0/0");
        List<String> fragments = List.of("firefox", "FIRE", "%", "_", "bot", "zzz");

        int selective = 0;
        for (int round = 0; round < 200; round++) {
            SessionFilter filter = SessionFilter.ALL;
            if (random.nextInt(4) == 0) {
                filter = filter.withUserIds(new HashSet<>(
                        List.of(pick(random, users).id(), pick(random, users).id())));
            }
            if (random.nextInt(4) == 0) {
                filter = filter.withClientId(Optional.of(pick(random, clients).id()));
            }
            if (random.nextInt(3) == 0) {
                filter = filter.withIpRange(Optional.of(IpRange.parse(pick(random, ranges))));
            }
            if (random.nextInt(4) == 0) {
                filter = filter.withUserAgentContains(Optional.of(pick(random, fragments)));
            }
            if (random.nextInt(4) == 0) {
                filter = filter.withCreatedBefore(Optional.of(T0.plusSeconds(random.nextInt(70))));
            }
            if (random.nextInt(4) == 0) {
                filter = filter.withCreatedAfter(Optional.of(T0.plusSeconds(random.nextInt(70))));
            }
            if (random.nextInt(4) == 0) {
                filter = filter.withLastActiveBefore(Optional.of(T0.plusSeconds(random.nextInt(120))));
            }
            if (random.nextInt(3) == 0) {
                filter = filter.withAuthMethods(subset(random, methods), subset(random, methods));
            }
            if (random.nextInt(4) == 0) {
                filter = filter.withGroupIds(subset(random, groups));
            }
            if (random.nextInt(4) == 0) {
                filter = filter.withSpreadAtLeast(
                        random.nextBoolean() ? 0 : 16 + random.nextInt(8),
                        random.nextBoolean() ? 0 : 6 + random.nextInt(3));
            }
            SessionFilter f = filter;
            List<UserSession> expected = sessions.values().stream()
                    .filter(s ->
                            f.matches(s, clientsOf.get(s.id()), groupsOf.get(s.userId()), spreadOf.get(s.userId())))
                    .sorted(Comparator.comparing(UserSession::createdAt)
                            .reversed()
                            .thenComparing(UserSession::id))
                    .toList();
            if (!expected.isEmpty() && expected.size() < sessions.size()) {
                selective++;
            }

            assertThat(find(f)).as("find %s", f).containsExactlyElementsOf(expected);
            assertThat(count(f)).as("count %s", f).isEqualTo(expected.size());
            assertThat(store.sessions().matchingIds(realm.id(), f, Optional.empty(), 100))
                    .as("matchingIds %s", f)
                    .containsExactlyInAnyOrderElementsOf(
                            expected.stream().map(UserSession::id).toList());
        }
        assertThat(selective).as("filters that match some sessions but not all").isGreaterThan(80);
    }

    /**
     * Networks are IPv4 /24s and IPv6 /64s: two addresses in one /24 are one network, an address that is no IP
     * literal is its own. Suspects are listed by either count (OR), a filter's spread needs both (AND).
     */
    @Test
    void spreadCountsSessionsAndNetworksPerUser() {
        for (String ip : List.of("192.0.2.1", "192.0.2.200", "2001:db8:1:2::1", "2001:db8:1:2::ffff")) {
            session(alice, ip, "Firefox", Set.of("pwd"), T0);
        }
        for (String ip : List.of("10.0.0.1", "10.0.1.1", "2001:db8:1:3::1")) {
            session(bob, ip, "Firefox", Set.of("pwd"), T0);
        }
        session(carol, "10.0.0.1", "Firefox", Set.of("pwd"), T0);

        assertThat(store.sessions().spreadAtLeast(realm.id(), 4, 0, 10))
                .extracting(s -> s.username() + ":" + s.spread().sessions() + "/"
                        + s.spread().networks())
                .containsExactly("alice:4/2");
        assertThat(store.sessions().spreadAtLeast(realm.id(), 4, 3, 10))
                .extracting(s -> s.username() + ":" + s.spread().sessions() + "/"
                        + s.spread().networks())
                .containsExactly("bob:3/3", "alice:4/2");
        assertThat(store.sessions().spreadAtLeast(realm.id(), 0, 0, 10)).isEmpty();
        assertThat(store.sessions().usersSpreadAtLeast(realm.id(), 3, 3, Optional.empty(), 10))
                .containsExactly(bob.id());
        assertThat(store.sessions().usersSpreadAtLeast(realm.id(), 2, 0, Optional.empty(), 10))
                .containsExactlyInAnyOrder(alice.id(), bob.id());
        assertThat(count(SessionFilter.ALL.withSpreadAtLeast(0, 2))).isEqualTo(7);
        assertThat(count(SessionFilter.ALL.withSpreadAtLeast(4, 2))).isEqualTo(4);
        assertThat(count(SessionFilter.ALL.withSpreadAtLeast(0, 4))).isZero();
    }

    private UserSession session(
            User user, String ip, String agent, Set<String> amr, Instant createdAt, Client... clients) {
        UserSession session = Fixtures.newSession(user, createdAt, createdAt, ip, agent, amr);
        store.sessions().create(session);
        for (Client client : clients) {
            store.sessions().recordClientSession(new ClientSession(session.id(), client.id(), createdAt, createdAt));
        }
        return session;
    }

    private List<UserSession> find(SessionFilter filter) {
        return store.sessions().find(new SessionQuery(realm.id(), filter, new Page(0, Page.MAX_PAGE_SIZE)));
    }

    private long count(SessionFilter filter) {
        return store.sessions().count(new SessionQuery(realm.id(), filter, Page.DEFAULT));
    }

    private List<String> ids(SessionFilter filter) {
        return find(filter).stream().map(UserSession::id).toList();
    }

    private static SessionFilter ip(String range) {
        return SessionFilter.ALL.withIpRange(Optional.of(IpRange.parse(range)));
    }

    private static SessionFilter userAgent(String text) {
        return SessionFilter.ALL.withUserAgentContains(Optional.of(text));
    }

    private static SessionFilter amr(Set<String> present, Set<String> absent) {
        return SessionFilter.ALL.withAuthMethods(present, absent);
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static Set<String> subset(Random random, List<String> values) {
        Set<String> subset = new HashSet<>();
        for (String value : values) {
            if (random.nextInt(3) == 0) {
                subset.add(value);
            }
        }
        return subset;
    }
}
