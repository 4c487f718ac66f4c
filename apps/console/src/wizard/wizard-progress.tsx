import { STEPS, type StepIndex } from './wizard-draft';

/** Where the wizard is: an ordered list with the current step marked for assistive technology. */
export function WizardProgress({ current }: { current: StepIndex }) {
  return (
    <ol className="wizard-progress" aria-label="Steps">
      {STEPS.map((title, index) => (
        <li
          key={title}
          aria-current={index === current ? 'step' : undefined}
          className={index < current ? 'done' : index === current ? 'current' : ''}
        >
          <span className="step-number" aria-hidden="true">
            {index + 1}
          </span>
          <span>
            <span className="visually-hidden">Step {index + 1}: </span>
            {title}
          </span>
        </li>
      ))}
    </ol>
  );
}
