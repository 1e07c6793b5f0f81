package dev.curfew.server.account;

/** How the console reports a sign-out of the other devices. */
final class OtherDevices {
    private OtherDevices() {}

    static String signedOut(long ended) {
        if (ended == 0) {
            return "You were not signed in on any other device.";
        }
        return ended == 1 ? "1 other device was signed out." : ended + " other devices were signed out.";
    }
}
