package dev.curfew.server.account;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.user.User;

/** A console request whose SSO session is still valid: the realm, the user, this device's session. */
public record SignedIn(Realm realm, User user, UserSession thisDevice, AccountConsoleSession console) {}
