import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { KeywardConfig } from '@keyward/config';
import { AdminCommandsModule, CoreModule, NO_READ_MODELS, READ_MODEL_CONSISTENCY } from '@keyward/application';

/** The CLI has no read models: its commands read aggregates from their streams, as the server's do. */
@Global()
@Module({ providers: [{ provide: READ_MODEL_CONSISTENCY, useValue: NO_READ_MODELS }], exports: [READ_MODEL_CONSISTENCY] })
class NoReadModelsModule {}

@Module({})
export class CliModule {
  static forRoot(config: KeywardConfig): DynamicModule {
    return { module: CliModule, imports: [CoreModule.forRoot(config), NoReadModelsModule, AdminCommandsModule] };
  }
}
