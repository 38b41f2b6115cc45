package org.flar.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

/** Any Range header is the whole file, a range inside it, or a 416; never an exception of another kind. */
class ByteRangeProperties {
    @Property
    void anyHeaderGivesARangeInsideTheFileOrNone(@ForAll @StringLength(max = 40) String tail,
                                                 @ForAll @LongRange(min = 0, max = 1L << 40) long size) {
        for (String header : new String[] {tail, "bytes=" + tail}) {
            try {
                ByteRange r = ByteRange.parse(header, size);
                if (r != null) {
                    assertThat(r.from()).isBetween(0L, size);
                    assertThat(r.to()).isBetween(r.from(), size);
                }
            } catch (ByteRange.Unsatisfiable e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        }
    }

    @Property
    void aFirstBytePastTheEndIsUnsatisfiable(@ForAll @LongRange(min = 0, max = 1L << 40) long size,
                                            @ForAll @LongRange(min = 0, max = 1000) long beyond) {
        assertThatThrownBy(() -> ByteRange.parse("bytes=" + (size + beyond) + "-", size)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }

    @Property
    void aRangeWithinIsServedExactly(@ForAll @LongRange(min = 1, max = 1L << 40) long size, @ForAll @LongRange(min = 0) long a,
                                    @ForAll @LongRange(min = 0) long b) throws ByteRange.Unsatisfiable {
        long from = a % size;
        long last = from + b % (size - from);
        assertThat(ByteRange.parse("bytes=" + from + "-" + last, size)).isEqualTo(new ByteRange(from, last + 1));
    }
}
