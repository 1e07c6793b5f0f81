package dev.curfew.engine.ssf;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.curfew.engine.json.Json;
import dev.curfew.engine.token.TokenIssuer;
import java.io.IOException;
import java.text.ParseException;
import java.util.Map;

/**
 * Signs stored SET claims with the realm's active key (RFC 8417 §2.3: {@code typ: secevent+jwt}). Claims are
 * stored when the event is queued and signed when sent, so a SET waiting long is signed with the current key;
 * they hold no time-dependent claim, so the same SET signed twice says the same thing.
 */
public final class SetSigner {
    /** RFC 8417 §2.3 explicit typing, so a SET cannot be taken for an ID or access token. */
    public static final JOSEObjectType TYPE = new JOSEObjectType("secevent+jwt");

    /** Decimals as BigDecimal: {@code event_timestamp} keeps its exact millisecond fraction when signed. */
    private static final ObjectReader READER =
            Json.MAPPER.readerFor(Map.class).with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final TokenIssuer issuer;

    public SetSigner(TokenIssuer issuer) {
        this.issuer = issuer;
    }

    public String sign(String realmId, String claimsJson) {
        try {
            Map<String, Object> claims = READER.readValue(claimsJson);
            return issuer.sign(realmId, JWTClaimsSet.parse(claims), TYPE);
        } catch (IOException | ParseException e) {
            throw new IllegalArgumentException("stored SET claims are not a claims set", e);
        }
    }
}
