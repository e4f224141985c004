import type { ModuleManifest } from "../platform/modules";
import { campaignModule } from "./campaign";
import { eventsModule } from "./events";
import { figuresModule } from "./figures";
import { notificationsModule } from "./notifications";
import { open311Module } from "./open311";
import { orgsModule } from "./orgs";
import { pairingModule } from "./pairing";
import { peopleModule } from "./people";
import { ledgersModule } from "./ledgers";
import { problemsModule } from "./problems";
import { trainingModule } from "./training";
import { cadresModule } from "./cadres";
import { workbenchModule } from "./workbench";
import { evaluationModule } from "./evaluation";
import { exportsModule } from "./exports";

/**
 * Every module of the platform, in the order their routes are registered and their demo parts load.
 * A new module adds its manifest here (docs/ARCHITECTURE.md, "add a module").
 */
export const modules: readonly ModuleManifest[] = [
  orgsModule,
  peopleModule,
  figuresModule,
  campaignModule,
  problemsModule,
  notificationsModule,
  eventsModule,
  open311Module,
  ledgersModule,
  pairingModule,
  trainingModule,
  cadresModule,
  workbenchModule,
  exportsModule,
  // Last: its demo part scores the records the others loaded.
  evaluationModule,
];
