package dev.atelier.host.krita.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KritaRcTest {

    private static final String RC = """
            [General]
            LastPreset=Basic_tip_default
            ; a comment

            [python]
            enable_comics_project_management_tools=true
            enable_lastdocumentsdocker=false

            [theme]
            Theme=Krita dark
            """;

    @Test
    void addsTheKeyAtTheEndOfAnExistingSectionLeavingTheRestAlone() {
        KritaRc.Edit e = KritaRc.set(RC, "python", "enable_atelier", "true");
        assertEquals(RC.replace("enable_lastdocumentsdocker=false\n",
                "enable_lastdocumentsdocker=false\nenable_atelier=true\n"), e.text());
        assertTrue(e.changed());
        assertFalse(e.sectionCreated());
        assertEquals("true", KritaRc.get(e.text(), "python", "enable_atelier"));
        assertEquals(e.text(), KritaRc.set(e.text(), "python", "enable_atelier", "true").text());
        assertFalse(KritaRc.set(e.text(), "python", "enable_atelier", "true").changed());
    }

    @Test
    void flipsAFalseValueAndKeepsCrlf() {
        String rc = "[python]\r\nenable_atelier = false\r\nenable_x=true\r\n";
        KritaRc.Edit e = KritaRc.set(rc, "python", "enable_atelier", "true");
        assertEquals("[python]\r\nenable_atelier=true\r\nenable_x=true\r\n", e.text());
        assertEquals("[python]\r\nenable_x=true\r\n", KritaRc.remove(e.text(), "python", "enable_atelier", true).text());
    }

    @Test
    void createsTheSectionAndRemovesItAgainWhenItWasOurs() {
        String rc = "[General]\nA=1";
        KritaRc.Edit e = KritaRc.set(rc, "python", "enable_atelier", "true");
        assertEquals("[General]\nA=1\n\n[python]\nenable_atelier=true\n", e.text());
        assertTrue(e.sectionCreated());
        assertEquals("[General]\nA=1\n", KritaRc.remove(e.text(), "python", "enable_atelier", true).text());
        assertEquals("[python]\nenable_atelier=true\n", KritaRc.set("", "python", "enable_atelier", "true").text());
    }

    @Test
    void removeTouchesOnlyThatKeyInThatSection() {
        String rc = "[other]\nenable_atelier=true\n[python]\nenable_atelier=true\nenable_y=false\n";
        KritaRc.Edit e = KritaRc.remove(rc, "python", "enable_atelier", true);
        assertEquals("[other]\nenable_atelier=true\n[python]\nenable_y=false\n", e.text());
        assertFalse(KritaRc.remove(e.text(), "python", "enable_atelier", true).changed());
        assertNull(KritaRc.get(e.text(), "python", "enable_atelier"));
        assertFalse(KritaRc.remove("", "python", "enable_atelier", true).changed());
    }
}
