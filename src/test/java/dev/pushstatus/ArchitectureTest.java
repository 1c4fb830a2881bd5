package dev.pushstatus;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.pushstatus.inbound.EventAnswer;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

/** The package rules of docs/architecture.md, checked on the compiled classes. */
class ArchitectureTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.pushstatus");

    @Test
    void theDomainImportsNoFrameworkAndNoAdapter() {
        noClasses().that().resideInAPackage("dev.pushstatus.bot..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "okhttp3..", "com.fasterxml.jackson..",
                        "io.micrometer..", "dev.pushstatus.web..", "dev.pushstatus.feishu..", "dev.pushstatus.app..",
                        "io.lettuce..", "dev.pushstatus.store..")
                .check(MAIN);
    }

    @Test
    void theStoreKnowsTheDomainsPortsAndNothingOfTheWebOrFeishu() {
        noClasses().that().resideInAPackage("dev.pushstatus.store..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "okhttp3..", "io.micrometer..",
                        "dev.pushstatus.web..", "dev.pushstatus.feishu..", "dev.pushstatus.app..",
                        "dev.pushstatus.inbound..")
                .check(MAIN);
        noClasses().that().resideOutsideOfPackages("dev.pushstatus.store..", "dev.pushstatus.app..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lettuce..", "dev.pushstatus.store..")
                .as("only the store and the wiring know Redis and the store")
                .check(MAIN);
    }

    @Test
    void feishuAdaptersKnowNothingOfTheWebOrTheWiring() {
        noClasses().that().resideInAnyPackage("dev.pushstatus.feishu.event..", "dev.pushstatus.feishu.card..",
                        "dev.pushstatus.feishu.api..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "dev.pushstatus.web..", "dev.pushstatus.app..")
                .check(MAIN);
        noClasses().that().resideInAnyPackage("dev.pushstatus.feishu.event..", "dev.pushstatus.feishu.card..")
                .should().dependOnClassesThat().resideInAPackage("okhttp3..")
                .check(MAIN);
    }

    @Test
    void theLongConnectionKnowsOnlyTheAnswersOfTheEventService() {
        noClasses().that().resideInAPackage("dev.pushstatus.feishu.ws..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "jakarta.servlet..",
                        "org.eclipse.jetty..", "dev.pushstatus.web..", "dev.pushstatus.app..", "dev.pushstatus.bot..",
                        "dev.pushstatus.feishu.api..", "dev.pushstatus.feishu.card..", "dev.pushstatus.feishu.event..",
                        "dev.pushstatus.feishu.sim..")
                .orShould().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.pushstatus.inbound..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(EventAnswer.class))))
                .check(MAIN);
    }

    @Test
    void theEventServiceKnowsNoTransport() {
        noClasses().that().resideInAPackage("dev.pushstatus.inbound..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "okhttp3..", "jakarta.servlet..",
                        "org.eclipse.jetty..", "dev.pushstatus.web..", "dev.pushstatus.app..", "dev.pushstatus.feishu.api..")
                .check(MAIN);
    }

    @Test
    void theWebAdapterRendersNothingAndHandlesNothing() {
        noClasses().that().resideInAPackage("dev.pushstatus.web..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.pushstatus.feishu.card..", "dev.pushstatus.feishu.api..")
                .orShould().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.pushstatus.bot..")
                        .and(JavaClass.Predicates.simpleNameEndingWith("Handler")))
                .check(MAIN);
    }

    @Test
    void everyPackageSaysWhatMayBeAbsent() {
        classes().should(new ArchCondition<JavaClass>("reside in a package annotated @NullMarked") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                if (!item.getPackage().isAnnotatedWith(NullMarked.class)) {
                    events.add(SimpleConditionEvent.violated(item, item.getPackage().getName() + " is not @NullMarked"));
                }
            }
        }).check(MAIN);
    }

    @Test
    void onlyTheWiringUsesTheWiringAndTheSimulator() {
        noClasses().that().resideOutsideOfPackage("dev.pushstatus.app..")
                .should().dependOnClassesThat().resideInAPackage("dev.pushstatus.app..")
                .check(MAIN);
        noClasses().that().resideOutsideOfPackages("dev.pushstatus.app..", "dev.pushstatus.feishu.sim..")
                .should().dependOnClassesThat().resideInAPackage("dev.pushstatus.feishu.sim..")
                .check(MAIN);
    }

    @Test
    void noStaticMutableState() {
        fields().that().areStatic().should().beFinal().check(MAIN);
    }
}
