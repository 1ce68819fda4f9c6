package dev.atelier.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BoundsTest {

    private static Bounds b(int x, int y, int w, int h) {
        return new Bounds(x, y, w, h);
    }

    @Test
    void negativeSizeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b(0, 0, -1, 2));
        assertEquals("negative size -1x2", e.getMessage());
    }

    @ParameterizedTest(name = "{0},{1} {2}x{3} ∩ {4},{5} {6}x{7} = {8},{9} {10}x{11}")
    @CsvSource({
        // overlapping
        "0,0,10,10,  5,5,10,10,   5,5,5,5",
        // one inside the other
        "0,0,10,10,  2,3,4,5,     2,3,4,5",
        // touching edges share no pixel
        "0,0,10,10,  10,0,5,5,    10,0,0,0",
        // disjoint
        "0,0,4,4,    8,8,2,2,     8,8,0,0",
        // negative coordinates
        "-5,-5,10,10, 0,0,10,10,  0,0,5,5",
        // empty operand
        "0,0,10,10,  3,3,0,0,     3,3,0,0",
    })
    void intersect(int ax, int ay, int aw, int ah, int bx, int by, int bw, int bh, int rx, int ry, int rw, int rh) {
        Bounds a = b(ax, ay, aw, ah);
        Bounds o = b(bx, by, bw, bh);
        Bounds r = a.intersect(o);
        assertEquals(rw * rh == 0, r.isEmpty());
        if (!r.isEmpty()) {
            assertEquals(b(rx, ry, rw, rh), r);
            assertEquals(r, o.intersect(a), "intersection is symmetric");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "0,0,2,2,   4,4,2,2,   0,0,6,6",
        "-3,1,2,2,  0,0,1,1,   -3,0,4,3",
        "0,0,0,0,   4,4,2,2,   4,4,2,2",
        "4,4,2,2,   9,9,0,5,   4,4,2,2",
    })
    void unionIgnoresEmptyOperands(int ax, int ay, int aw, int ah, int bx, int by, int bw, int bh,
            int rx, int ry, int rw, int rh) {
        assertEquals(b(rx, ry, rw, rh), b(ax, ay, aw, ah).union(b(bx, by, bw, bh)));
    }

    @ParameterizedTest
    @CsvSource({
        "2,   -2,-2,14,14",
        "0,   0,0,10,10",
        "-3,  3,3,4,4",
        "-5,  5,5,0,0",
        "-9,  9,9,0,0",
    })
    void growAndShrink(int n, int x, int y, int w, int h) {
        assertEquals(b(x, y, w, h), b(0, 0, 10, 10).grow(n));
    }

    @ParameterizedTest
    @CsvSource({
        "0,0,true", "9,9,true", "10,9,false", "9,10,false", "-1,0,false", "5,5,true",
    })
    void containsPoint(int x, int y, boolean inside) {
        assertEquals(inside, Bounds.of(10, 10).contains(x, y));
    }

    @Test
    void containsBounds() {
        Bounds outer = b(0, 0, 10, 10);
        assertTrue(outer.contains(outer));
        assertTrue(outer.contains(b(2, 2, 8, 8)));
        assertFalse(outer.contains(b(2, 2, 9, 8)));
        assertFalse(outer.contains(b(-1, 0, 1, 1)));
        assertTrue(outer.contains(b(4, 4, 0, 0)), "an empty rectangle inside is contained");
        assertFalse(b(0, 0, 0, 0).contains(0, 0), "an empty rectangle holds no pixel");
    }

    @Test
    void areaDoesNotOverflow() {
        assertEquals(10_000_000_000L, Bounds.of(100_000, 100_000).area());
        assertEquals(b(3, 4, 5, 6), b(1, 1, 5, 6).translate(2, 3));
        assertEquals(8, b(3, 4, 5, 6).right());
        assertEquals(10, b(3, 4, 5, 6).bottom());
    }
}
