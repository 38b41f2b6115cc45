package org.flar.identity.sysidcfg;

/** An IPv4 address or netmask, parsed strictly from dotted-quad notation (no octal, no short forms). */
public record Ipv4(int bits) {
    /** The address, or null when {@code text} is not four decimal octets 0-255 without leading zeros. */
    static Ipv4 parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int bits = 0;
        for (String p : parts) {
            // Leading zeros are refused: inet_aton reads them as octal, a classic source of wrong addresses.
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                return null;
            }
            bits = bits << 8 | octet;
        }
        return new Ipv4(bits);
    }

    /** True for a netmask: ones followed by zeros (0.0.0.0 and 255.255.255.255 are refused for an interface). */
    boolean isNetmask() {
        int inverted = ~bits;
        return bits != 0 && bits != -1 && (inverted & (inverted + 1)) == 0;
    }

    /** The prefix length of a netmask (255.255.255.0 → 24). */
    public int prefixLength() {
        return Integer.bitCount(bits);
    }

    static Ipv4 ofPrefix(int prefix) {
        return new Ipv4(prefix == 0 ? 0 : -1 << (32 - prefix));
    }

    @Override
    public String toString() {
        return (bits >>> 24) + "." + (bits >>> 16 & 255) + "." + (bits >>> 8 & 255) + "." + (bits & 255);
    }
}
