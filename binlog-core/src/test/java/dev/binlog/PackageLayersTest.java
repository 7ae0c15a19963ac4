package dev.binlog;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.net.URL;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which way the arrows between binlog-core's packages point (STYLE.md, "Layers, and which way the arrows point"), as
 * a test, so a broken rule fails the build instead of waiting for a review. Bottom to top: {@code io}, the vocabulary
 * {@code dev.binlog}, {@code value}, {@code event}, {@code protocol}, {@code event.decode}, {@code file},
 * {@code client}, {@code stream}. Each rule names the packages of ours a layer may use; the JDK and the libraries it
 * already uses are not constrained here (module-info.java does that).
 */
class PackageLayersTest {

    /** binlog-core's main classes only: not its tests, not binlog-test-support (also under dev.binlog). */
    private static JavaClasses core;

    @BeforeAll
    static void importMainClasses() {
        URL mainClasses = BinlogPosition.class.getProtectionDomain().getCodeSource().getLocation();
        core = new ClassFileImporter().importUrl(mainClasses);
        // A rule over no classes passes; make sure the import found the library, root package included.
        assertThat(core.containPackage("dev.binlog")).isTrue();
        assertThat(core.containPackage("dev.binlog.stream")).isTrue();
        assertThat(core.size()).isGreaterThan(150);
    }

    @Test
    void ioImportsNothingOfOurs() {
        check(layer("dev.binlog.io").mayOnlyUse()
                .because("STYLE.md: little-endian helpers in one place; the byte cursor serves every layer and knows "
                        + "none of them"));
    }

    @Test
    void vocabularyImportsNoSubpackage() {
        check(layer("dev.binlog").mayOnlyUse()
                .because("STYLE.md: one type per concept, shared by every layer: the event records, the client, the "
                        + "stream and the stores all speak it, so it can import none of them"));
    }

    @Test
    void valuesUseOnlyTheVocabularyAndBytes() {
        check(layer("dev.binlog.value").mayOnlyUse("dev.binlog", "dev.binlog.io")
                .because("STYLE.md: turning bytes into values lives in event.decode and value; "
                        + "a package never imports from a package above it"));
    }

    @Test
    void eventRecordsUseOnlyTheVocabularyAndValues() {
        check(layer("dev.binlog.event").mayOnlyUse("dev.binlog", "dev.binlog.value")
                .because("STYLE.md: typed events are immutable records in event; packets and bytes stay in protocol"));
    }

    @Test
    void protocolUsesOnlyTheVocabularyAndBytes() {
        check(layer("dev.binlog.protocol").mayOnlyUse("dev.binlog", "dev.binlog.io")
                .because("STYLE.md: packets and bytes stay in protocol; the client sits above it "
                        + "(client ─► protocol ─► socket, TLS)"));
    }

    @Test
    void decodersUseEventsValuesAndBytes() {
        check(layer("dev.binlog.event.decode")
                .mayOnlyUse("dev.binlog", "dev.binlog.event", "dev.binlog.value", "dev.binlog.io")
                .because("STYLE.md: client ─► event.decode ─► value ─► event (records); "
                        + "decoding knows no connection and no stream"));
    }

    @Test
    void fileReaderUsesDecodersNotTheClient() {
        check(layer("dev.binlog.file")
                .mayOnlyUse("dev.binlog", "dev.binlog.event", "dev.binlog.event.decode", "dev.binlog.io")
                .because("STYLE.md: the file reader decodes files with the same decoders as the live client, "
                        + "without a server: a package never imports from a package above it"));
    }

    @Test
    void clientUsesProtocolAndDecodersNotTheStream() {
        check(layer("dev.binlog.client").mayOnlyUse("dev.binlog", "dev.binlog.protocol", "dev.binlog.io",
                        "dev.binlog.event", "dev.binlog.event.decode")
                .because("STYLE.md: client ─► protocol, client ─► event.decode; stream (transactions, row changes, "
                        + "positions, schema, filters) ─► client, never the other way"));
    }

    @Test
    void packagesFormNoCycle() {
        // "(dev.binlog..)" makes every package its own slice, dev.binlog itself included ("dev.binlog.(**)" would
        // leave the root out, and a cycle through the vocabulary would go unseen).
        check(slices().matching("(dev.binlog..)").should().beFreeOfCycles()
                .because("STYLE.md: a package never imports from a package above it"));
    }

    @Test
    void coreKnowsNothingOfSpring() {
        check(noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "dev.binlog.spring..")
                .because("STYLE.md: binlog-core knows nothing of Spring; the Spring layer knows nothing of packets"));
    }

    @Test
    void exportedSignaturesNameOnlyExportedTypes() {
        // module-info exports every package but these two; a public signature naming one of their types would
        // compile on the class path and fail a user on the module path
        String[] internal = {"dev.binlog.protocol", "dev.binlog.client"};
        check(members().that().arePublic().and().areDeclaredInClassesThat().arePublic()
                .and().areDeclaredInClassesThat().resideOutsideOfPackages(internal)
                .should(new ArchCondition<JavaMember>("name no type of dev.binlog.protocol or dev.binlog.client") {
                    @Override
                    public void check(JavaMember member, ConditionEvents events) {
                        Set<JavaClass> named = new HashSet<>();
                        if (member instanceof JavaField field) {
                            named.add(field.getRawType());
                        } else if (member instanceof JavaCodeUnit code) {
                            named.add(code.getRawReturnType());
                            named.addAll(code.getRawParameterTypes());
                        }
                        for (JavaClass type : named) {
                            if (resideInAnyPackage(internal).test(type)) {
                                events.add(SimpleConditionEvent.violated(member, member.getFullName() + " names "
                                        + type.getName()));
                            }
                        }
                    }
                })
                .because("module-info.java: protocol and client are not exported"));
    }

    private static void check(ArchRule rule) {
        rule.check(core);
    }

    private static Layer layer(String packageName) {
        return new Layer(packageName);
    }

    /** The classes of one package (not its subpackages) and the packages of ours they may use besides their own. */
    private record Layer(String packageName) {

        ArchRule mayOnlyUse(String... allowed) {
            String[] own = new String[allowed.length + 1];
            own[0] = packageName;
            System.arraycopy(allowed, 0, own, 1, allowed.length);
            return noClasses().that().resideInAPackage(packageName)
                    .should().dependOnClassesThat(resideInAPackage("dev.binlog..").and(not(resideInAnyPackage(own)))
                            .as("classes in dev.binlog packages other than " + String.join(", ", own)));
        }
    }
}
